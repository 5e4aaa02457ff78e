package com.astro.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny HTTP server answering presence-service's internal online/offline paths, recording each call: presence-service
 * is an external HTTP dependency of chat-service, and this lets the tests prove what chat-service calls and
 * with which credential. It answers like presence-service would: 200 with the presence, or the status a test sets
 * (403 for a caller presence-service would refuse) with a problem detail.
 */
public final class PresenceStandIn {

    /** One recorded call. */
    public record Call(String method, String path, String authorization, String credential) {
    }

    private final DisposableServer server;

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private volatile int status = 200;

    private PresenceStandIn(int unused) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/internal/v1/astrologers/{id}/{state}", (request, response) -> {
                    calls.add(new Call("POST", request.uri(), request.requestHeaders().get("Authorization"),
                            request.requestHeaders().get("X-Service-Credential")));
                    int answer = status;
                    String body = answer == 200
                            ? "{\"id\":\"" + request.param("id") + "\",\"online\":" + "online".equals(request.param("state")) + "}"
                            : "{\"title\":\"Forbidden\",\"status\":" + answer + ",\"detail\":\"not allowed\"}";
                    return response.status(HttpResponseStatus.valueOf(answer))
                            .header("Content-Type", answer == 200 ? "application/json" : "application/problem+json")
                            .sendString(Mono.just(body)).then();
                }))
                .bindNow();
    }

    public static PresenceStandIn start() {
        return new PresenceStandIn(0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void close() {
        server.disposeNow();
    }

    /** The status the next calls are answered with. */
    public void answer(int status) {
        this.status = status;
    }
}
