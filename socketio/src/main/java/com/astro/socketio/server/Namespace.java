package com.astro.socketio.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.astro.socketio.protocol.PacketCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A Socket.IO namespace ({@code "/"} is the main one): its middleware, connection handlers, sockets and rooms.
 * Thread-safe. Register middleware and handlers at startup, before clients connect.
 */
public final class Namespace {

    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final String name;
    private final SocketIoServer server;
    private final List<ConnectionMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final Rooms rooms = new Rooms();

    Namespace(String name, SocketIoServer server) {
        this.name = name;
        this.server = server;
    }

    public String name() {
        return name;
    }

    /** Adds a connection middleware (authentication); they run in order, the first rejection wins. */
    public Namespace use(ConnectionMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /** Called for every accepted socket, before any of its events is delivered: register handlers here. */
    public Namespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    /** Emits to every socket of this namespace. */
    public void emit(String event, Object... args) {
        broadcast().emit(event, args);
    }

    /** A broadcast to the members of a room (chain {@code to} for several rooms). */
    public Broadcast to(String room) {
        return broadcast().to(room);
    }

    /** A broadcast to everyone except the members of a room. */
    public Broadcast except(String room) {
        return broadcast().except(room);
    }

    public Collection<Socket> sockets() {
        return sockets.values();
    }

    public Socket socket(String id) {
        return sockets.get(id);
    }

    public int socketCount() {
        return sockets.size();
    }

    /** Names of the rooms that have members now (socket ids included). */
    public Set<String> roomNames() {
        return Set.copyOf(rooms.names());
    }

    // ---- package ------------------------------------------------------------------------------------

    PacketCodec codec() {
        return server.codec();
    }

    Rooms rooms() {
        return rooms;
    }

    Mono<Admission> admit(Handshake handshake) {
        Mono<Admission> verdict = Mono.just(Admission.accept());
        for (ConnectionMiddleware middleware : middlewares) {
            verdict = verdict.flatMap(previous -> previous.accepted()
                    ? Mono.defer(() -> middleware.check(handshake))
                            .defaultIfEmpty(Admission.accept())
                            .map(next -> next.accepted() ? merge(previous, next) : next)
                    : Mono.just(previous));
        }
        return verdict.onErrorResume(ex -> {
            log.warn("connection middleware of namespace {} failed", name, ex);
            return Mono.just(Admission.reject("Internal error"));
        });
    }

    void added(Socket socket) {
        sockets.put(socket.id(), socket);
        server.socketConnected();
        socket.joinOwnRoom();
        for (Consumer<Socket> handler : connectionHandlers) {
            try {
                handler.accept(socket);
            }
            catch (RuntimeException ex) {
                log.warn("connection handler of namespace {} failed", name, ex);
            }
        }
        socket.ready();
    }

    void removed(Socket socket) {
        if (sockets.remove(socket.id(), socket)) {
            server.socketDisconnected();
        }
    }

    private Broadcast broadcast() {
        return new Broadcast(this, Set.of(), Set.of());
    }

    private static Admission merge(Admission previous, Admission next) {
        Map<String, Object> attributes = new HashMap<>(previous.attributes());
        attributes.putAll(next.attributes());
        return Admission.accept(attributes);
    }
}
