package com.astro.common.tracing;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * No observation (so no span, no timer) for Socket.IO's own HTTP requests, nor for the probes and scrapes of
 * {@code /actuator/}. A long-polling client sends several requests per message and holds one open all the time:
 * spans of them would trace the transport, not the work, and their cost is the one docs/benchmarks.md took out of
 * the gateway. The work a socket event causes is traced from where it is published to Kafka. The gateway probes
 * every instance's readiness every 2 s: a trace per probe would bury the real ones.
 */
public final class UntracedRequests implements ObservationPredicate {

    private static final String PATH_PREFIX = "/socket.io/";

    private static final String ACTUATOR_PREFIX = "/actuator/";

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext server && isUntraced(server.getCarrier().getPath().value()));
    }

    private static boolean isUntraced(String path) {
        return isSocketIo(path) || path.startsWith(ACTUATOR_PREFIX);
    }

    /** Whether a request path is Socket.IO's own (polls, posts, WebSocket upgrades). */
    public static boolean isSocketIo(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    /**
     * Whether a request is a poll or post of an established Engine.IO long-polling session: Socket.IO's path,
     * {@code transport=polling} and a {@code sid} (a handshake has none yet), not a WebSocket upgrade.
     */
    public static boolean isEstablishedPoll(ServerHttpRequest request) {
        return isSocketIo(request.getPath().value())
                && "polling".equals(request.getQueryParams().getFirst("transport"))
                && request.getQueryParams().containsKey("sid")
                && request.getHeaders().getUpgrade() == null;
    }
}
