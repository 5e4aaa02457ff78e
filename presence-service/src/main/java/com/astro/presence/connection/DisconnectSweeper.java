package com.astro.presence.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.astro.presence.astrologer.AstrologerPresence;
import com.astro.presence.astrologer.PresencePublisher;
import com.astro.presence.astrologer.PresenceStore;
import com.astro.presence.config.PresenceProperties;

import reactor.core.publisher.Mono;

/**
 * Applies the disconnect rules on every instance of the service, every {@code astro.presence.sweep-interval}:
 * first the connections of chat instances silent for too long are dropped, then online astrologers whose grace
 * clock has run out go offline, and finally changes stored but never published (an instance died between the
 * two) are published. Every step is a conditional write, so several sweepers at once take an
 * astrologer offline once and publish one event.
 */
@Component
public class DisconnectSweeper {

    private static final Logger log = LoggerFactory.getLogger(DisconnectSweeper.class);

    /** What one sweep did. */
    public record Sweep(long instancesLost, long astrologersOffline, long republished) {
    }

    private final ConnectionStore connections;

    private final ConnectionTracker tracker;

    private final PresenceStore presence;

    private final PresencePublisher publisher;

    private final PresenceProperties properties;

    private final Clock clock;

    DisconnectSweeper(ConnectionStore connections, ConnectionTracker tracker, PresenceStore presence,
            PresencePublisher publisher, PresenceProperties properties, Clock clock) {
        this.connections = connections;
        this.tracker = tracker;
        this.presence = presence;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${astro.presence.sweep-interval:5s}",
            initialDelayString = "${astro.presence.sweep-interval:5s}")
    void scheduledSweep() {
        try {
            Sweep sweep = sweep().block(Duration.ofMinutes(1));
            if (sweep != null && (sweep.instancesLost() > 0 || sweep.astrologersOffline() > 0 || sweep.republished() > 0)) {
                log.info("sweep: {} chat instance(s) lost, {} astrologer(s) taken offline, {} stale change(s) republished",
                        sweep.instancesLost(), sweep.astrologersOffline(), sweep.republished());
            }
        }
        catch (RuntimeException ex) {
            log.warn("presence sweep failed; the next one retries: {}", ex.toString());
        }
    }

    public Mono<Sweep> sweep() {
        Instant now = clock.instant();
        Mono<Long> lost = connections.findExpired(now)
                .concatMap(instance -> tracker.instanceLost(instance).then(connections.forget(instance)).thenReturn(instance))
                .count();
        Mono<Long> offline = Mono.defer(() -> presence.findDisconnectedSince(now.minus(properties.disconnectGrace()))
                .concatMap(astrologer -> expireGrace(astrologer, now))
                .count());
        Mono<Long> republished = Mono.defer(() -> publisher.republishStale(now.minus(properties.republishAfter())));
        return lost.flatMap(instances -> offline.flatMap(astrologers -> republished
                .map(stale -> new Sweep(instances, astrologers, stale))));
    }

    private Mono<AstrologerPresence> expireGrace(AstrologerPresence astrologer, Instant now) {
        Instant since = astrologer.disconnectedSince();
        return connections.find(astrologer.id()).flatMap(set -> {
            if (!set.isEmpty()) {
                // a reconnect raced with the grace clock being started; the clock was wrong, not the connection
                return presence.clearDisconnected(astrologer.id(), since).then(Mono.<AstrologerPresence>empty());
            }
            return presence.goOfflineAfterGrace(astrologer.id(), since, now).flatMap(publisher::publish);
        });
    }
}
