package com.astro.chat.presence;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import com.astro.chat.config.ChatInstance;
import com.astro.chat.config.ChatProperties;
import com.astro.common.event.ChatInstanceHeartbeat;
import com.astro.common.event.ConnectionChanged;
import com.astro.common.event.DomainEvent;
import com.astro.common.kafka.EventPublisher;
import com.astro.common.security.CurrentUser;

import reactor.core.scheduler.Schedulers;

/**
 * The authenticated connections this instance holds, told to presence-service: a {@code chat-connections}
 * event on every open and close, and every heartbeat interval a {@code chat-heartbeats} event listing them all,
 * which repairs a lost open/close event and whose absence tells presence-service this instance died.
 */
@Component
public class Connections implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final Map<String, ChatInstanceHeartbeat.Connection> open = new ConcurrentHashMap<>();

    private final EventPublisher events;

    private final ChatInstance instance;

    private final ChatProperties properties;

    private final TaskScheduler scheduler;

    private final Clock clock;

    private volatile ScheduledFuture<?> heartbeats;

    Connections(EventPublisher events, ChatInstance instance, ChatProperties properties,
            TaskScheduler scheduler, Clock clock) {
        this.events = events;
        this.instance = instance;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public void opened(String connectionId, CurrentUser user) {
        open.put(connectionId, new ChatInstanceHeartbeat.Connection(user.id(), user.role().wireName(), connectionId));
        publish(ConnectionChanged.of(clock.instant(), user.id(), user.role().wireName(), user.displayName(),
                instance.id(), connectionId, true));
    }

    public void closed(String connectionId, CurrentUser user) {
        if (open.remove(connectionId) != null) {
            publish(ConnectionChanged.of(clock.instant(), user.id(), user.role().wireName(), user.displayName(),
                    instance.id(), connectionId, false));
        }
    }

    public List<ChatInstanceHeartbeat.Connection> current() {
        return List.copyOf(open.values());
    }

    public void heartbeat() {
        publish(ChatInstanceHeartbeat.of(clock.instant(), instance.id(), properties.heartbeatInterval().toMillis(),
                current()));
    }

    private void publish(DomainEvent event) {
        events.publish(event).subscribeOn(Schedulers.boundedElastic()).subscribe(null, ex -> log.warn("could not publish {}: {}", event.type(), ex.toString()));
    }

    @Override
    public void start() {
        heartbeats = scheduler.scheduleAtFixedRate(this::heartbeat, properties.heartbeatInterval());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = heartbeats;
        if (running != null) {
            running.cancel(false);
            heartbeats = null;
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }
}
