package com.astro.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.astro.common.health.ReadinessEvents;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny stand-in service on a free port: every HTTP request is answered with a JSON echo naming
 * this backend, and a WebSocket upgrade echoes each text frame prefixed with the backend's name. Its
 * readiness stream reports UP every interval the gateway asks for (OUT_OF_SERVICE after {@link #ready(boolean)
 * ready(false)}, nothing while it {@link #readinessHangs(boolean) hangs}).
 */
final class FakeBackend implements AutoCloseable {

    private final String name;

    private final DisposableServer server;

    private final AtomicInteger requests = new AtomicInteger();

    private static final AtomicBoolean BROKE_ONCE = new AtomicBoolean();

    private final AtomicBoolean ready = new AtomicBoolean(true);

    private final AtomicBoolean hangs = new AtomicBoolean();

    /** Kept to be closed with the server: a killed instance drops its kept-alive connections too. */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

    private FakeBackend(String name, int port) {
        this.name = name;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .doOnConnection(connection -> {
                    Channel channel = connection.channel();
                    if (connections.add(channel)) {
                        channel.closeFuture().addListener(closed -> connections.remove(channel));
                    }
                })
                .handle((request, response) -> {
                    if (request.uri().startsWith(ReadinessEvents.PATH)) {
                        // the gateway's readiness stream: answered, never counted as a request
                        Duration interval = ReadinessEvents.interval(new QueryStringDecoder(request.uri())
                                .parameters().getOrDefault(ReadinessEvents.INTERVAL_PARAMETER, List.of("")).get(0));
                        return response.header("Content-Type", "text/event-stream")
                                .sendString(Flux.interval(Duration.ZERO, interval)
                                        .filter(tick -> !hangs.get())
                                        .map(tick -> "data:" + (ready.get() ? "UP" : "OUT_OF_SERVICE") + "\n\n"))
                                .then();
                    }
                    requests.incrementAndGet();
                    if ("websocket".equalsIgnoreCase(request.requestHeaders().get(HttpHeaderNames.UPGRADE))) {
                        return response.sendWebsocket((in, out) -> out.sendString(
                                in.receive().asString(StandardCharsets.UTF_8).map(text -> name + ":" + text)));
                    }
                    if (request.uri().equals("/v3/api-docs")) {
                        return response.header("Content-Type", "application/json").sendString(Mono.just(apiDocs()))
                                .then();
                    }
                    if (request.uri().contains("/slow")) {
                        return Mono.delay(Duration.ofSeconds(10)).then(response.sendString(Mono.just("late")).then());
                    }
                    if (request.uri().contains("/broken-once") && !BROKE_ONCE.getAndSet(true)) {
                        // the first such request of the JVM, on whichever backend: as a pooled connection closed by its backend
                        return Mono.fromRunnable(() -> request.withConnection(connection -> connection.channel().close()));
                    }
                    if (request.uri().contains("/broken") && !request.uri().contains("/broken-once")) {
                        // closes the connection without answering
                        return Mono.fromRunnable(() -> request.withConnection(connection -> connection.channel().close()));
                    }
                    return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                            .flatMap(body -> response
                                    .header("Content-Type", "application/json")
                                    .header("Access-Control-Allow-Origin", "*")
                                    .header("X-Request-Id", "backend-made-this-up")
                                    .sendString(Mono.just(echo(request.method().name(), request.uri(),
                                            request.requestHeaders().get("Authorization"),
                                            request.requestHeaders().get("X-Request-Id"),
                                            request.requestHeaders().get("traceparent"), body.length())))
                                    .then());
                })
                .bindNow();
    }

    /**
     * An OpenAPI document like a service's: one path of its own, the shared ProblemDetail schema, and a schema
     * {@code Thing} that every backend defines differently.
     */
    private String apiDocs() {
        return """
                {"openapi": "3.1.0", "info": {"title": "%1$s", "version": "v1"},
                 "security": [{"bearerAuth": []}], "tags": [{"name": "%1$s"}],
                 "paths": {"/api/%1$s/things": {"get": {"tags": ["%1$s"], "responses": {
                   "200": {"description": "a thing", "content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/Thing"}}}},
                   "401": {"$ref": "#/components/responses/Unauthorized"}}}}},
                 "components": {
                   "schemas": {"ProblemDetail": {"type": "object"},
                               "Thing": {"type": "object", "description": "the thing of %1$s"}},
                   "responses": {"Unauthorized": {"description": "no token", "content": {"application/problem+json":
                     {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}}},
                   "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}}}
                """.formatted(name);
    }

    static FakeBackend start(String name) {
        return new FakeBackend(name, 0);
    }

    /** Again on a port it had before: an instance that comes back after a crash. */
    static FakeBackend start(String name, int port) {
        return new FakeBackend(name, port);
    }

    /** Whether this backend's readiness stream stays silent from now on (an overloaded or wedged instance). */
    void readinessHangs(boolean value) {
        hangs.set(value);
    }

    /** What this backend's readiness stream reports from now on: UP or OUT_OF_SERVICE. */
    void ready(boolean value) {
        ready.set(value);
    }

    private String echo(String method, String uri, String authorization, String requestId, String traceparent,
            int bodyLength) {
        return "{\"backend\":\"" + name + "\",\"method\":\"" + method + "\",\"uri\":\"" + uri.replace("\"", "")
                + "\",\"authorization\":" + quoted(authorization) + ",\"requestId\":" + quoted(requestId)
                + ",\"traceparent\":" + quoted(traceparent) + ",\"bodyLength\":" + bodyLength + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value.replace("\"", "") + "\"";
    }

    String name() {
        return name;
    }

    int port() {
        return server.port();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.disposeNow();
        connections.forEach(Channel::close);
    }
}
