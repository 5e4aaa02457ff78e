package com.astro.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.astro.common.health.ReadinessEvents;

/**
 * Follows every instance's readiness: one long-lived {@code GET /actuator/readiness/events} per instance (common's
 * {@link ReadinessEvents}), on which the instance reports its readiness group's status at once, every {@code heartbeat}
 * and as soon as it changes. {@code UP} puts it in the rotation, anything else takes it out. An instance that is
 * shutting down reports {@code OUT_OF_SERVICE} at once (Spring Boot turns readiness to REFUSING_TRAFFIC when its
 * context starts closing), so new connections leave it before its sockets are closed; a crashed one ends the stream
 * and then refuses the connection, which takes it out too. One that stays silent for two heartbeats and the {@code
 * timeout} (wedged, or unreachable without a refusal) is taken out and asked again: a busy instance that is slow to
 * write one event keeps its share.
 * <p>
 * {@link #probe} runs every probe interval: it reopens the streams that ended and ends the silent ones. Polling
 * readiness instead cost every idle instance a full HTTP request every 2 s (docs/benchmarks.md, issue 21).
 */
final class ReadinessProbe {

    private static final Logger log = LoggerFactory.getLogger(ReadinessProbe.class);

    private final HttpClient http;

    private final Duration heartbeat;

    private final long silenceLimitNanos;

    private final Map<Instance, Watch> watches = new ConcurrentHashMap<>();

    ReadinessProbe(Duration timeout, Duration heartbeat) {
        this.heartbeat = heartbeat;
        this.silenceLimitNanos = heartbeat.multipliedBy(2).plus(timeout).toNanos();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Opens a stream to every instance that has none, ends the silent ones, and forgets instances that are gone. */
    void probe(Collection<ServiceInstances> services) {
        Set<Instance> current = new HashSet<>();
        for (ServiceInstances instances : services) {
            for (Instance instance : instances.balanced()) {
                current.add(instance);
                probe(instances, instance);
            }
        }
        watches.entrySet().removeIf(entry -> !current.contains(entry.getKey()) && entry.getValue().cancel());
    }

    private void probe(ServiceInstances instances, Instance instance) {
        Watch watch = watches.get(instance);
        if (watch != null && watch.isSilent()) {
            watch.cancel();
            notReady(instances, instance, "no readiness event for " + Duration.ofNanos(watch.silentNanos()).toMillis() + " ms");
            watch = null;
        }
        if (watch == null || watch.isEnded()) {
            Watch opened = new Watch(instances, instance);
            watches.put(instance, opened);
            opened.open();
        }
    }

    /** Ends every stream (the gateway is stopping). */
    void close() {
        watches.values().forEach(Watch::cancel);
        watches.clear();
    }

    private static void ready(ServiceInstances instances, Instance instance) {
        if (instances.markUsable(instance)) {
            log.info("{} {} is ready: back in the rotation", instances.service(), instance.authority());
        }
    }

    private static void notReady(ServiceInstances instances, Instance instance, String why) {
        if (instances.markUnusable(instance)) {
            log.warn("{} {} is not ready ({}): out of the rotation", instances.service(), instance.authority(), why);
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One instance's readiness stream: its lines as they arrive, one status per {@code data:} line. */
    private final class Watch implements Flow.Subscriber<String> {

        private final ServiceInstances instances;

        private final Instance instance;

        private volatile long lastHeardNanos = System.nanoTime();

        private volatile Flow.Subscription subscription;

        private volatile CompletableFuture<HttpResponse<Void>> exchange;

        private volatile boolean ended;

        private volatile boolean cancelled;

        Watch(ServiceInstances instances, Instance instance) {
            this.instances = instances;
            this.instance = instance;
        }

        void open() {
            URI uri = URI.create(instance.scheme() + "://" + instance.authority() + ReadinessEvents.PATH + "?"
                    + ReadinessEvents.INTERVAL_PARAMETER + "=" + heartbeat.toMillis() + "ms");
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
            exchange = http.sendAsync(request, info -> info.statusCode() == 200 ? BodySubscribers.fromLineSubscriber(this)
                    : BodySubscribers.discarding());
            exchange.whenComplete(this::ended);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lastHeardNanos = System.nanoTime();
            if (line.startsWith("data:")) {
                String status = line.substring("data:".length()).trim();
                if ("UP".equals(status)) {
                    ready(instances, instance);
                }
                else {
                    notReady(instances, instance, "readiness " + status);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            // reported by the exchange's future, with the refused connections that never reach a subscriber
        }

        @Override
        public void onComplete() {
            // the instance ended the stream after saying what it had to say (shutting down): asked again at the next probe
        }

        private void ended(HttpResponse<Void> response, Throwable error) {
            ended = true;
            if (cancelled) {
                return;
            }
            if (error != null) {
                notReady(instances, instance, (subscription != null ? "readiness stream broke off: " : "")
                        + rootCause(error));
            }
            else if (response.statusCode() != 200) {
                notReady(instances, instance, "readiness events " + response.statusCode());
            }
        }

        boolean isEnded() {
            return ended;
        }

        boolean isSilent() {
            return !ended && silentNanos() > silenceLimitNanos;
        }

        long silentNanos() {
            return System.nanoTime() - lastHeardNanos;
        }

        /** Ends the stream without judging the instance; always true, to be used in {@code removeIf}. */
        boolean cancel() {
            cancelled = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            CompletableFuture<HttpResponse<Void>> pending = exchange;
            if (pending != null) {
                pending.cancel(true);
            }
            return true;
        }
    }
}
