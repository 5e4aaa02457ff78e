package com.astro.presence.astrologer;

import java.time.Clock;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import com.astro.common.event.Rates;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;
import com.astro.common.web.Problems;
import com.astro.presence.config.PresenceProperties;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What callers may do with presence. Only the astrologer themselves ({@code id} = token subject, role
 * astrologer) or an admin may change an astrologer's presence or rates; an admin may do so for an
 * astrologer never seen before. A change that changes nothing answers the current state and publishes
 * nothing. The display name is taken from the astrologer's own token, never from an admin's.
 */
@Service
public class PresenceService {

    private static final Pattern ASTROLOGER_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    private final PresenceStore store;

    private final PresencePublisher publisher;

    private final PresenceProperties properties;

    private final Clock clock;

    PresenceService(PresenceStore store, PresencePublisher publisher, PresenceProperties properties, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<PresenceView> goOnline(CurrentUser caller, String id) {
        authorizeChange(caller, id);
        return applied(caller, id, store.goOnline(id, ownName(caller, id), clock.instant()));
    }

    public Mono<PresenceView> goOffline(CurrentUser caller, String id) {
        authorizeChange(caller, id);
        return applied(caller, id, store.goOffline(id, ownName(caller, id), clock.instant()));
    }

    Mono<PresenceView> setRates(CurrentUser caller, String id, JsonNode body) {
        authorizeChange(caller, id);
        Rates rates = RatesRequest.parse(body, properties.rates());
        return applied(caller, id, store.setRates(id, rates, ownName(caller, id), clock.instant()));
    }

    Mono<PresenceView> find(CurrentUser caller, String id) {
        return store.findById(id)
                .switchIfEmpty(Mono.error(() -> Problems.notFound(
                        "No presence is known for astrologer '" + id + "'")))
                .map(presence -> PresenceView.of(presence, caller));
    }

    Flux<PresenceView> online(CurrentUser caller) {
        return store.findOnline().map(presence -> PresenceView.of(presence, caller));
    }

    private Mono<PresenceView> applied(CurrentUser caller, String id, Mono<AstrologerPresence> change) {
        return change.flatMap(publisher::publish)
                .switchIfEmpty(Mono.defer(() -> store.findById(id)))
                .map(presence -> PresenceView.of(presence, caller));
    }

    private static void authorizeChange(CurrentUser caller, String id) {
        if (!ASTROLOGER_ID.matcher(id).matches()) {
            throw Problems.badRequest(
                    "An astrologer id is 1 to 128 letters, digits or _ . : @ -");
        }
        boolean self = caller.is(Role.ASTROLOGER) && caller.id().equals(id);
        if (!self && !caller.isAdmin()) {
            throw Problems.forbidden(
                    "Only astrologer '" + id + "' or an admin may change this astrologer's presence");
        }
    }

    private static String ownName(CurrentUser caller, String id) {
        return caller.is(Role.ASTROLOGER) && caller.id().equals(id) ? caller.displayName() : null;
    }
}
