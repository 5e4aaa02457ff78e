package com.astro.gateway.ratelimit;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Which budget a request spends, and whether it is counted per user or per client address. */
enum RouteClass {

    SESSION_START(true), WRITES(true), READS(true), SOCKET_HANDSHAKES(false), ANONYMOUS(false);

    private final boolean perUser;

    RouteClass(boolean perUser) {
        this.perUser = perUser;
    }

    boolean perUser() {
        return perUser;
    }

    /**
     * The class of a request, or {@code null} for requests no gateway budget applies to: health
     * probes, and traffic of an established Engine.IO session (chat-service limits each socket).
     */
    static RouteClass of(ServerHttpRequest request, boolean authenticated) {
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/actuator/")) {
            return null;
        }
        if (path.startsWith("/socket.io/")) {
            return request.getQueryParams().containsKey("sid") ? null : SOCKET_HANDSHAKES;
        }
        if (!authenticated) {
            return ANONYMOUS;
        }
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return READS;
        }
        return path.equals("/api/sessions/start") ? SESSION_START : WRITES;
    }
}
