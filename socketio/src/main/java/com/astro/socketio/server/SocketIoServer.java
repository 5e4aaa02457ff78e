package com.astro.socketio.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.astro.socketio.engine.EngineServer;
import com.astro.socketio.protocol.PacketCodec;
import org.springframework.web.server.WebHandler;

/**
 * A Socket.IO v5 server (over Engine.IO v4) for Spring WebFlux. Create one, configure its namespaces, and mount
 * {@link #webHandler()} at {@link SocketIoOptions#path()} (see {@code SocketIoEndpoint} for Spring Boot).
 * Only the namespaces created with {@link #namespace(String)} accept connections; others get
 * CONNECT_ERROR "Invalid namespace".
 */
public final class SocketIoServer implements AutoCloseable {

    private final SocketIoOptions options;
    private final PacketCodec codec = new PacketCodec();
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final AtomicInteger connectedSockets = new AtomicInteger();
    private final EngineServer engine;

    public SocketIoServer(SocketIoOptions options) {
        this.options = options;
        this.engine = new EngineServer(options.engineOptions(), session -> new Client(this, session));
        namespace("/");
    }

    public SocketIoOptions options() {
        return options;
    }

    /** The namespace of that name, created on first use ({@code "/"} exists from the start). */
    public Namespace namespace(String name) {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("a namespace starts with '/': " + name);
        }
        return namespaces.computeIfAbsent(name, n -> new Namespace(n, this));
    }

    /** The main namespace {@code "/"}. */
    public Namespace sockets() {
        return namespace("/");
    }

    /** Serves the Engine.IO transports; mount it at {@link SocketIoOptions#path()}. */
    public WebHandler webHandler() {
        return engine.webHandler();
    }

    /** Sockets connected now, over all namespaces (a metric). */
    public int connectedSockets() {
        return connectedSockets.get();
    }

    /** Engine.IO sessions (physical connections) open now (a metric). */
    public int engineSessions() {
        return engine.sessionCount();
    }

    /** Closes every connection (clients will reconnect elsewhere). */
    @Override
    public void close() {
        engine.closeAll();
    }

    Namespace existingNamespace(String name) {
        return namespaces.get(name);
    }

    PacketCodec codec() {
        return codec;
    }

    void socketConnected() {
        connectedSockets.incrementAndGet();
    }

    void socketDisconnected() {
        connectedSockets.decrementAndGet();
    }
}
