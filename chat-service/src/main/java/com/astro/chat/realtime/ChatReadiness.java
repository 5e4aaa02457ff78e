package com.astro.chat.realtime;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.astro.chat.presence.PresenceFeed;

/**
 * An instance is ready to take sockets once its fan-out consumer holds its partitions (from then on it sees
 * every new room event) and the online list has been rebuilt from the whole presence topic. Part of the
 * readiness probe ({@code /actuator/health/readiness}), so no traffic reaches an instance that would miss
 * messages or show a wrong list.
 */
@Component("chatFeeds")
class ChatReadiness implements HealthIndicator {

    private final PresenceFeed presence;

    private volatile boolean fanOutAssigned;

    ChatReadiness(PresenceFeed presence) {
        this.presence = presence;
    }

    void fanOutAssigned(boolean assigned) {
        fanOutAssigned = assigned;
    }

    boolean ready() {
        return fanOutAssigned && presence.caughtUp();
    }

    @Override
    public Health health() {
        return (ready() ? Health.up() : Health.outOfService())
                .withDetail("fanOutAssigned", fanOutAssigned)
                .withDetail("presenceListRebuilt", presence.caughtUp())
                .build();
    }
}
