package com.astro.presence.astrologer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.astro.common.event.PresenceChanged;
import com.astro.common.kafka.EventPublisher;

import reactor.core.publisher.Mono;

/**
 * Publishes {@code presence-changed} from the document a change returned. Compaction keeps the record
 * written last per key, not the one with the highest version, so two changes racing (on one instance or
 * several) could leave an older state as the topic's final word. After its record is acknowledged, the
 * publisher therefore re-reads the document and, if a newer version exists, publishes that as well: whoever
 * appends last has then seen (or is) the latest version, so the last record per astrologer always carries
 * the current state. Each acknowledged version is marked published on the document; {@link #republishStale}
 * sends what a crashed instance left unpublished.
 */
@Component
public class PresencePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final EventPublisher events;

    private final PresenceStore store;

    private final Clock clock;

    private final PresenceMetrics metrics;

    PresencePublisher(EventPublisher events, PresenceStore store, Clock clock, PresenceMetrics metrics) {
        this.events = events;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Publishes the changed document, then any newer version, and completes with the last state published. If
     * Kafka cannot take the event within {@link #PUBLISH_TIMEOUT}, it completes with the change anyway: the change
     * is stored and still flagged unpublished, so a later sweep publishes it; a caller is not kept waiting on the
     * broker for a change that has already happened.
     */
    public Mono<AstrologerPresence> publish(AstrologerPresence changed) {
        return publishNow(changed)
                .onErrorResume(ex -> {
                    log.warn("presence-changed for astrologer {} version {} not published now ({}); a sweep will publish it",
                            changed.id(), changed.version(), ex.toString());
                    return Mono.just(changed);
                });
    }

    private Mono<AstrologerPresence> publishNow(AstrologerPresence changed) {
        return events.publish(toEvent(changed))
                .timeout(PUBLISH_TIMEOUT)
                .doOnSuccess(done -> metrics.broadcast(changed))
                .then(store.markPublished(changed.id(), changed.version()))
                .then(store.findById(changed.id()))
                .flatMap(current -> {
                    if (current.version() > changed.version()) {
                        log.debug("astrologer {} moved from version {} to {} while publishing; publishing again",
                                changed.id(), changed.version(), current.version());
                        return publishNow(current);
                    }
                    return Mono.just(changed);
                })
                .defaultIfEmpty(changed);
    }

    /** Publishes the current state of every astrologer whose latest change was stored but never acknowledged. */
    public Mono<Long> republishStale(Instant changedBefore) {
        return store.findUnpublished(changedBefore)
                .concatMap(stale -> {
                    log.info("publishing version {} of astrologer {}, stored but never published", stale.version(),
                            stale.id());
                    return publish(stale);
                })
                .count();
    }

    PresenceChanged toEvent(AstrologerPresence presence) {
        return PresenceChanged.of(clock.instant(), presence.id(), presence.displayName(), presence.online(),
                presence.busy(), presence.currentSessionId(), presence.lastSeen(), presence.ratesOrNone(),
                presence.version(), presence.connectionLost(), presence.ratingCountOrZero(), presence.ratingAverage());
    }
}
