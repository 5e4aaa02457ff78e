package com.astro.common.health;

import java.time.Duration;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /actuator/readiness/events?interval=5s}: this instance's readiness group ({@code
 * /actuator/health/readiness}) as server-sent events, for the gateway. One event at once, one every {@code interval}
 * (the gateway's heartbeat: silence means a wedged instance), and one as soon as the instance's availability changes;
 * each event's data is the group's status ({@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}). A gateway polling
 * readiness every 2 s made each instance answer a full HTTP request every 2 s, which was most of what an idle
 * instance did (docs/benchmarks.md, issue 21); a stream costs one event per interval, and a shutdown reaches the
 * gateway at once instead of at its next poll. The stream ends right after it reports that the instance refuses
 * traffic (it is shutting down), so the web server's graceful shutdown need not wait for it.
 */
public final class ReadinessEvents implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    public static final String PATH = "/actuator/readiness/events";

    public static final String INTERVAL_PARAMETER = "interval";

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    private static final String READINESS_GROUP = "readiness";

    private final ReactiveHealthEndpointWebExtension health;

    private final ApplicationAvailability availability;

    private final Sinks.Many<ReadinessState> changes = Sinks.many().multicast().directBestEffort();

    ReadinessEvents(ReactiveHealthEndpointWebExtension health, ApplicationAvailability availability) {
        this.health = health;
        this.availability = availability;
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        Duration interval = interval(request.queryParam(INTERVAL_PARAMETER).orElse(null));
        Flux<ServerSentEvent<String>> events = Flux.merge(Flux.interval(Duration.ZERO, interval).onBackpressureDrop(),
                        changes.asFlux())
                .concatMap(tick -> status(), 1)
                .takeUntil(status -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC)
                .map(status -> ServerSentEvent.builder(status).build());
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(BodyInserters.fromServerSentEvents(events));
    }

    /** The readiness group's status, as {@code /actuator/health/readiness} would answer now. */
    private Mono<String> status() {
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, READINESS_GROUP)
                .map(response -> {
                    HealthDescriptor body = response.getBody();
                    return (body != null ? body.getStatus() : Status.UNKNOWN).getCode();
                });
    }

    /** The gateway's interval, kept within bounds; the default when it names none or one that does not parse. */
    public static Duration interval(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        try {
            Duration asked = DurationStyle.detectAndParse(value);
            return asked.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : asked.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : asked;
        }
        catch (IllegalArgumentException ex) {
            return DEFAULT_INTERVAL;
        }
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        changes.tryEmitNext(event.getState());
    }
}
