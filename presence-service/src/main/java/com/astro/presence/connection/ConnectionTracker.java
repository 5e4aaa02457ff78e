package com.astro.presence.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.astro.common.event.ChatInstanceHeartbeat;
import com.astro.common.event.ConnectionChanged;
import com.astro.common.security.Role;
import com.astro.presence.astrologer.PresenceStore;
import com.astro.presence.config.PresenceProperties;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps each astrologer's set of live realtime connections from {@code chat-connections} and
 * {@code chat-heartbeats}, and runs the disconnect grace clock: it starts when an online astrologer's last
 * connection goes away and stops when one comes back. A connection never sets an astrologer online (that
 * takes {@code POST .../online} or {@code presence:on}); it only keeps an online astrologer from being taken
 * offline. Connections of users and admins are not tracked.
 */
@Component
class ConnectionTracker {

    private final ConnectionStore connections;

    private final PresenceStore presence;

    private final PresenceProperties properties;

    private final Clock clock;

    ConnectionTracker(ConnectionStore connections, PresenceStore presence, PresenceProperties properties,
            Clock clock) {
        this.connections = connections;
        this.presence = presence;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Void> changed(ConnectionChanged event) {
        if (!isAstrologer(event.role())) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        Instant at = event.occurredAt() == null ? now : event.occurredAt();
        if (event.connected()) {
            return connections.knowInstance(event.instanceId(), properties.defaultHeartbeatInterval(), now,
                            properties.heartbeatMisses())
                    .then(connections.modify(event.userId(), set -> set.opened(event.instanceId(), event.connectionId(), at)))
                    .flatMap(transition -> afterChange(event.userId(), transition, now));
        }
        return connections.modify(event.userId(), set -> set.closed(event.instanceId(), event.connectionId(), at))
                .flatMap(transition -> afterChange(event.userId(), transition, now));
    }

    /** The heartbeat's list replaces what is known of that instance's astrologer connections. */
    Mono<Void> heartbeat(ChatInstanceHeartbeat heartbeat) {
        Instant now = clock.instant();
        Instant reportedAt = heartbeat.occurredAt() == null ? now : heartbeat.occurredAt();
        long interval = heartbeat.intervalMillis() > 0 ? heartbeat.intervalMillis()
                : properties.defaultHeartbeatInterval().toMillis();
        Map<String, Set<String>> reported = heartbeat.connections() == null ? Map.of()
                : heartbeat.connections().stream()
                        .filter(c -> isAstrologer(c.role()) && c.userId() != null && c.connectionId() != null)
                        .collect(Collectors.groupingBy(ChatInstanceHeartbeat.Connection::userId,
                                Collectors.mapping(ChatInstanceHeartbeat.Connection::connectionId, Collectors.toSet())));
        return connections.heartbeat(heartbeat.instanceId(), reportedAt, interval, now, properties.heartbeatMisses())
                .flatMap(instance -> connections.findOnInstance(heartbeat.instanceId())
                        .map(AstrologerConnections::id)
                        .collectList()
                        .flatMapMany(holding -> {
                            Set<String> affected = new HashSet<>(holding);
                            affected.addAll(reported.keySet());
                            return Flux.fromIterable(affected);
                        })
                        .concatMap(astrologerId -> connections.modify(astrologerId,
                                        set -> set.reported(heartbeat.instanceId(),
                                                reported.getOrDefault(astrologerId, Set.of()), reportedAt))
                                .flatMap(transition -> afterChange(astrologerId, transition, now)))
                        .then(connections.applied(heartbeat.instanceId(), reportedAt)));
    }

    /**
     * Drops every connection of a dead instance. An astrologer left with none has been unreachable since the
     * instance's last heartbeat, so the grace clock starts there.
     */
    Mono<Void> instanceLost(ChatInstance instance) {
        return connections.findOnInstance(instance.id())
                .concatMap(set -> connections.modify(set.id(), current -> current.lost(instance.id()))
                        .flatMap(transition -> afterChange(set.id(), transition, instance.lastHeartbeatAt())))
                .then();
    }

    private Mono<Void> afterChange(String astrologerId, ConnectionStore.Transition transition, Instant disconnectedAt) {
        if (transition.emptied()) {
            return presence.markDisconnected(astrologerId, disconnectedAt);
        }
        if (!transition.after().isEmpty()) {
            return presence.clearDisconnected(astrologerId);
        }
        return Mono.empty();
    }

    private static boolean isAstrologer(String role) {
        return Role.ASTROLOGER.wireName().equals(role);
    }
}
