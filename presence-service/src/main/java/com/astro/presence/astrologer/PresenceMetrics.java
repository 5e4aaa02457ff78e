package com.astro.presence.astrologer;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Presence broadcasts ({@code presence-changed} events acknowledged by Kafka), by the state they announce, for
 * {@code /actuator/prometheus}. Three series, registered up front.
 */
@Component
class PresenceMetrics {

    private final Counter online;

    private final Counter busy;

    private final Counter offline;

    PresenceMetrics(MeterRegistry registry) {
        this.online = broadcasts(registry, "online");
        this.busy = broadcasts(registry, "busy");
        this.offline = broadcasts(registry, "offline");
    }

    private static Counter broadcasts(MeterRegistry registry, String state) {
        return Counter.builder("presence.broadcasts").tag("state", state)
                .description("presence-changed events published, by the state they announce").register(registry);
    }

    void broadcast(AstrologerPresence presence) {
        (!presence.online() ? offline : presence.busy() ? busy : online).increment();
    }
}
