package com.astro.common.tracing;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * No observation (so no span, no timer) for Socket.IO's own HTTP requests. A long-polling client sends several
 * requests per message and holds one open all the time: spans of them would trace the transport, not the work,
 * and their cost is the one docs/benchmarks.md took out of the gateway. The work a socket event causes is traced
 * from where it is published to Kafka.
 */
public final class SocketIoUntraced implements ObservationPredicate {

    private static final String PATH_PREFIX = "/socket.io/";

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext server && isSocketIo(server.getCarrier().getPath().value()));
    }

    /** Whether a request path is Socket.IO's own (polls, posts, WebSocket upgrades). */
    public static boolean isSocketIo(String path) {
        return path.startsWith(PATH_PREFIX);
    }
}
