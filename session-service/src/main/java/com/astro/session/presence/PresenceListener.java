package com.astro.session.presence;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;
import com.astro.common.kafka.EventReader;
import com.astro.session.lifecycle.AstrologerDepartures;

import reactor.core.publisher.Mono;

/**
 * Keeps the astrologer read model from {@code presence-changed}, and ends the session of an astrologer whose
 * connections were lost ({@link AstrologerDepartures}). The shared group suits a shared collection and ends each
 * session on one instance; it blocks so the offset is committed only after the record is handled. A failing step is
 * retried until it succeeds; a record that can never be applied goes to the dead-letter topic (common's error
 * handler).
 */
@Component
class PresenceListener {

    private static final EventReader<PresenceChanged> CHANGED = EventReader
            .of(PresenceChanged.class, PresenceChanged.SCHEMA_VERSION)
            .requiring(event -> event.astrologerId() != null, "a presence-changed without astrologer");

    private final AstrologerDirectory directory;

    private final AstrologerDepartures departures;

    PresenceListener(AstrologerDirectory directory, AstrologerDepartures departures) {
        this.directory = directory;
        this.departures = departures;
    }

    @KafkaListener(topics = Topics.PRESENCE_CHANGED, groupId = "${spring.kafka.consumer.group-id:session-service}")
    public void onPresenceChanged(String value) {
        ConsumedEvents.handle(value, CHANGED, event -> directory.apply(event).then(departed(event)));
    }

    /**
     * Only while this event is the astrologer's latest (a retry after a failed end included): an old record read
     * again from the compacted topic must not end a session the astrologer came back for.
     */
    private Mono<Void> departed(PresenceChanged event) {
        if (event.online() || !event.connectionLost() || event.lastSeen() == null) {
            return Mono.empty();
        }
        return directory.find(event.astrologerId())
                .filter(known -> known.version() == event.version())
                .flatMap(known -> departures.left(event.astrologerId(), event.lastSeen()));
    }
}
