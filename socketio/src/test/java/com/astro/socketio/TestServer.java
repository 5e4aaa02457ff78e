package com.astro.socketio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.astro.infra.NodeScript;
import com.astro.socketio.server.Admission;
import com.astro.socketio.server.Namespace;
import com.astro.socketio.server.SocketIoOptions;
import com.astro.socketio.server.SocketIoServer;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Socket.IO server on a free port with the handlers the Node scenarios expect: token "secret" required,
 * echo with and without ack, server-to-client acks, binary, rooms, namespaces, both kinds of disconnect.
 */
final class TestServer implements AutoCloseable {

    final SocketIoServer socketIo;
    final DisposableServer http;
    final Map<String, String> disconnectReasons = new ConcurrentHashMap<>();

    TestServer(SocketIoOptions options) {
        socketIo = new SocketIoServer(options);
        configure(socketIo, disconnectReasons);
        http = HttpServer.create().port(0)
                .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(socketIo.webHandler()).build()))
                .bindNow();
    }

    TestServer() {
        this(SocketIoOptions.defaults().withHeartbeat(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withConnectTimeout(Duration.ofSeconds(3)).withMaxPayload(100_000).withSidPrefix("i1"));
    }

    String url() {
        return "http://localhost:" + http.port();
    }

    NodeScript.Result runScenario(String scenario, String mode) {
        return NodeScript.run(Path.of("src/test/js/client-scenarios.js"), Map.of("URL", url()), Duration.ofSeconds(30),
                scenario, mode);
    }

    static void configure(SocketIoServer socketIo, Map<String, String> disconnectReasons) {
        Namespace main = socketIo.sockets();
        main.use(handshake -> "secret".equals(handshake.bearerToken())
                ? Mono.just(Admission.accept(Map.of("user", "u1")))
                : Mono.just(Admission.reject("unauthorized", Map.of("reason", "bad token"))));
        main.onConnection(socket -> {
            socket.onDisconnect(reason -> disconnectReasons.put(socket.id(), reason));
            socket.on("echo", (args, ack) -> socket.emit("echo-back", args.toArray()));
            socket.on("echo-ack", (args, ack) -> ack.send(args.toArray()));
            socket.on("ask-me", (args, ack) -> socket.emitWithAck("question", Duration.ofSeconds(3), "q?")
                    .subscribe(answer -> socket.emit("answered", answer)));
            socket.on("send-bytes", (args, ack) -> {
                byte[] bytes = new byte[((Number) args.get(0)).intValue()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) i;
                }
                socket.emit("bytes", (Object) bytes);
            });
            socket.on("join", (args, ack) -> {
                socket.join((String) args.get(0));
                ack.send();
            });
            socket.on("leave", (args, ack) -> {
                socket.leave((String) args.get(0));
                ack.send();
            });
            socket.on("to-room", (args, ack) -> {
                main.to((String) args.get(0)).emit("room-message", args.get(1));
                ack.send();
            });
            socket.on("disconnect-reason", (args, ack) -> ack.send(disconnectReasons.get((String) args.get(0))));
            socket.on("ask-me-timeout", (args, ack) -> socket.emitWithAck("question", Duration.ofMillis(300), "q?")
                    .subscribe(answer -> socket.emit("ack-ok", answer),
                            error -> socket.emit("ack-failed", error.getClass().getSimpleName())));
            socket.on("disconnect-me", (args, ack) -> socket.disconnect());
            socket.on("drop-me", (args, ack) -> socket.closeConnection());
        });
        socketIo.namespace("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
        socketIo.namespace("/broken").use(handshake -> Mono.error(new IllegalStateException("database down")));
    }

    @Override
    public void close() {
        socketIo.close();
        http.disposeNow();
    }

    static List<String> modes() {
        return List.of("websocket", "polling", "upgrade");
    }
}
