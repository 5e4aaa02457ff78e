package com.astro.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every instance of every service whether it takes new requests: {@code GET
 * /actuator/health/readiness}, 200 or out of the rotation. An instance that is shutting down answers
 * 503 there first (Spring Boot turns readiness to REFUSING_TRAFFIC when its context starts closing),
 * so new connections leave it before its sockets are closed; a crashed one refuses the connection. A probe
 * that merely times out counts only on the second in a row: a busy instance that is slow to answer once
 * should keep its share (a dead one is also caught at once by the connections it refuses).
 */
final class ReadinessProbe {

    static final String PATH = "/actuator/health/readiness";

    private static final Logger log = LoggerFactory.getLogger(ReadinessProbe.class);

    private final HttpClient http;

    private final Duration timeout;

    /** Probes in a row that timed out, per instance. */
    private final Map<Instance, Integer> timeouts = new ConcurrentHashMap<>();

    static final int TIMEOUTS_BEFORE_OUT = 2;

    ReadinessProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Probes every instance once, without waiting for the answers. */
    void probe(Collection<ServiceInstances> services) {
        for (ServiceInstances instances : services) {
            for (Instance instance : instances.balanced()) {
                probe(instances, instance);
            }
        }
    }

    private void probe(ServiceInstances instances, Instance instance) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.scheme() + "://" + instance.authority() + PATH))
                .timeout(timeout).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean timedOut = response == null && timedOut(error);
            int inARow = timedOut ? timeouts.merge(instance, 1, Integer::sum) : 0;
            if (!timedOut) {
                timeouts.remove(instance);
            }
            if (response != null && response.statusCode() == 200) {
                if (instances.markUsable(instance)) {
                    log.info("{} {} is ready: back in the rotation", instances.service(), instance.authority());
                }
            }
            else if ((!timedOut || inARow >= TIMEOUTS_BEFORE_OUT) && instances.markUnusable(instance)) {
                log.warn("{} {} is not ready ({}): out of the rotation", instances.service(), instance.authority(),
                        response != null ? "readiness " + response.statusCode()
                                : timedOut ? inARow + " probes timed out" : rootCause(error).toString());
            }
        });
    }

    private static boolean timedOut(Throwable error) {
        return rootCause(error) instanceof HttpTimeoutException;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
