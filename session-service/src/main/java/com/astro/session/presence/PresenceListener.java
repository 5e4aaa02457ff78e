package com.astro.session.presence;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;

/**
 * Keeps the astrologer read model from {@code presence-changed}. The shared group suits a shared collection;
 * it blocks so the offset is committed only after the record is stored. A failing write is retried until it
 * succeeds; a record that can never be applied goes to the dead-letter topic (common's error handler).
 */
@Component
public class PresenceListener {

    private final AstrologerDirectory directory;

    public PresenceListener(AstrologerDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.PRESENCE_CHANGED, groupId = "${spring.kafka.consumer.group-id:session-service}")
    public void onPresenceChanged(String value) {
        PresenceChanged event = ConsumedEvents.read(value, PresenceChanged.class, PresenceChanged.SCHEMA_VERSION);
        ConsumedEvents.require(event.astrologerId() != null, "a presence-changed without astrologer");
        ConsumedEvents.await(directory.apply(event));
    }
}
