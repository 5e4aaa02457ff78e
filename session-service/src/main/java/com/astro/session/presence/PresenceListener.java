package com.astro.session.presence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.EventJson;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Topics;

/**
 * Keeps the astrologer read model from {@code presence-changed}. The shared group suits a shared collection;
 * it blocks so the offset is committed only after the record is stored. Unreadable records are logged and skipped.
 */
@Component
public class PresenceListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceListener.class);

    private final AstrologerDirectory directory;

    public PresenceListener(AstrologerDirectory directory) {
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.PRESENCE_CHANGED, groupId = "${spring.kafka.consumer.group-id:session-service}")
    public void onPresenceChanged(String value) {
        PresenceChanged event;
        try {
            event = EventJson.read(value, PresenceChanged.class);
        }
        catch (RuntimeException ex) {
            log.warn("skipping unreadable presence-changed record: {}", ex.getMessage());
            return;
        }
        if (event == null || event.astrologerId() == null) {
            log.warn("skipping presence-changed record without astrologer id");
            return;
        }
        directory.apply(event).block();
    }
}
