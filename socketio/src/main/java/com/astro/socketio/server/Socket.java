package com.astro.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.astro.socketio.engine.EnginePacket;
import com.astro.socketio.engine.SidGenerator;
import com.astro.socketio.protocol.Packet;
import com.astro.socketio.protocol.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One client connected to one namespace. Thread-safe; every method may be called from any thread.
 * Payload values are plain Java: Map, List, String, Number, Boolean, null, and byte[] for binary (anything else
 * is serialized with Jackson).
 */
public final class Socket {

    private static final Logger log = LoggerFactory.getLogger(Socket.class);

    private final String id = SidGenerator.randomId();
    private final Namespace namespace;
    private final Client client;
    // the headers are dropped once the connection handlers have run (see handshake())
    private volatile Handshake handshake;
    private final Map<String, Object> attributes;
    // Most sockets sit idle for hours: what they never use costs nothing, and what rarely changes (handlers,
    // rooms, disconnect handlers) is an immutable snapshot replaced under this socket's lock, not a concurrent
    // structure per socket (issue 23). Reads take the current snapshot without locking.
    private volatile Map<String, List<EventHandler>> handlers = Map.of();
    private volatile List<Consumer<String>> disconnectHandlers = List.of();
    private volatile Set<String> rooms = Set.of();
    // created by the first emitWithAck; guarded by this
    private Map<Long, Sinks.One<List<Object>>> pendingAcks;
    private long ackIds;
    private volatile boolean connected = true;
    // events that arrive while the connection handlers still run (middleware may complete on another thread);
    // null once the socket is ready. Guarded by this.
    private List<Packet> early = new ArrayList<>(1);

    Socket(Namespace namespace, Client client, Handshake handshake, Map<String, Object> attributes) {
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
        this.attributes = new ConcurrentHashMap<>(attributes);
    }

    /** The Socket.IO socket id (also a room of its own). */
    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    /**
     * What the client presented when connecting. Its HTTP headers and {@code auth.token} are there for the middleware
     * and the connection handlers only: afterwards they are gone (the rest of auth, the query and the address stay),
     * see {@link Handshake#retained()}. A handler that needs one of them later keeps it in an attribute.
     */
    public Handshake handshake() {
        return handshake;
    }

    /** Mutable, thread-safe per-socket data; starts with what the middleware attached. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return (T) attributes.get(name);
    }

    public boolean connected() {
        return connected;
    }

    /** The current transport: {@code "polling"} or {@code "websocket"}. */
    public String transport() {
        return client.transport();
    }

    /** Registers a handler for an event sent by the client. */
    public synchronized Socket on(String event, EventHandler handler) {
        Map<String, List<EventHandler>> next = new HashMap<>(handlers);
        next.merge(event, List.of(handler), Socket::concat);
        handlers = Map.copyOf(next);
        return this;
    }

    /**
     * Called once when the socket is gone, with the reason: {@code "client namespace disconnect"},
     * {@code "server namespace disconnect"}, {@code "transport close"}, {@code "transport error"},
     * {@code "ping timeout"}, {@code "parse error"}, {@code "slow consumer"}, {@code "forced close"}.
     */
    public synchronized Socket onDisconnect(Consumer<String> handler) {
        disconnectHandlers = concat(disconnectHandlers, List.of(handler));
        return this;
    }

    /** Sends an event to this client. */
    public void emit(String event, Object... args) {
        send(Packet.of(PacketType.EVENT, namespace.name(), null, eventData(event, args)));
    }

    /** Sends an event and waits for the client's acknowledgement arguments; errors with a TimeoutException. */
    public Mono<List<Object>> emitWithAck(String event, Duration timeout, Object... args) {
        return Mono.defer(() -> {
            Sinks.One<List<Object>> sink = Sinks.one();
            long ackId;
            synchronized (this) {
                if (pendingAcks == null) {
                    pendingAcks = new HashMap<>();
                }
                ackId = ackIds++;
                pendingAcks.put(ackId, sink);
            }
            send(Packet.of(PacketType.EVENT, namespace.name(), ackId, eventData(event, args)));
            return sink.asMono().timeout(timeout).doFinally(signal -> takeAck(ackId));
        });
    }

    public void join(String room) {
        synchronized (this) {
            if (!connected || rooms.contains(room)) {
                return;
            }
            rooms = concat(rooms, room);
        }
        namespace.rooms().add(room, this);
    }

    public void leave(String room) {
        synchronized (this) {
            if (!rooms.contains(room)) {
                return;
            }
            rooms = without(rooms, room);
        }
        namespace.rooms().remove(room, this);
    }

    /** The rooms this socket is in, including its own id. */
    public Set<String> rooms() {
        return rooms;
    }

    /** Disconnects from this namespace; the client sees "io server disconnect" and does not reconnect by itself. */
    public void disconnect() {
        if (connected()) {
            send(Packet.of(PacketType.DISCONNECT, namespace.name(), null, null));
            closed("server namespace disconnect");
        }
    }

    /**
     * Closes the whole underlying connection without a DISCONNECT packet, as a failing instance would: the
     * client reconnects by itself (useful to shed load or drain an instance).
     */
    public void closeConnection() {
        client.closeTransport();
    }

    // ---- called by the client connection ------------------------------------------------------------

    void send(Packet packet) {
        if (connected()) {
            client.send(packet);
        }
    }

    void sendFrames(List<EnginePacket> frames) {
        if (connected()) {
            client.sendFrames(frames);
        }
    }

    void dispatchEvent(Packet packet) {
        synchronized (this) {
            if (early != null) {
                early.add(packet);
                return;
            }
        }
        deliver(packet);
    }

    /** The connection handlers have run: deliver what arrived meanwhile, in order, then deliver directly. */
    void ready() {
        handshake = handshake.retained();
        while (true) {
            List<Packet> queued;
            synchronized (this) {
                if (early.isEmpty()) {
                    early = null;
                    return;
                }
                queued = early;
                early = new ArrayList<>();
            }
            queued.forEach(this::deliver);
        }
    }

    private void deliver(Packet packet) {
        List<?> data = (List<?>) packet.data();
        String event = String.valueOf(data.get(0));
        List<Object> args = Collections.unmodifiableList(new ArrayList<>(data.subList(1, data.size())));
        Ack ack = packet.id() == null ? NoAck.INSTANCE : new ClientAck(packet.id());
        List<EventHandler> registered = handlers.get(event);
        if (registered == null) {
            return;
        }
        for (EventHandler handler : registered) {
            try {
                handler.handle(args, ack);
            }
            catch (RuntimeException ex) {
                log.warn("handler of event '{}' on socket {} failed", event, id, ex);
            }
        }
    }

    void dispatchAck(Packet packet) {
        Sinks.One<List<Object>> sink = takeAck(packet.id());
        if (sink != null) {
            sink.tryEmitValue(Collections.unmodifiableList(new ArrayList<>((List<?>) packet.data())));
        }
    }

    void closed(String reason) {
        Set<String> left;
        List<Sinks.One<List<Object>>> unanswered;
        synchronized (this) {
            if (!connected) {
                return;
            }
            connected = false;
            left = rooms;
            rooms = Set.of();
            unanswered = pendingAcks == null ? List.of() : List.copyOf(pendingAcks.values());
            pendingAcks = null;
        }
        for (String room : left) {
            namespace.rooms().remove(room, this);
        }
        namespace.removed(this);
        client.removed(this);
        unanswered.forEach(sink -> sink.tryEmitError(new IllegalStateException("socket disconnected")));
        for (Consumer<String> handler : disconnectHandlers) {
            try {
                handler.accept(reason);
            }
            catch (RuntimeException ex) {
                log.warn("disconnect handler of socket {} failed", id, ex);
            }
        }
    }

    void joinOwnRoom() {
        join(id);
    }

    private synchronized Sinks.One<List<Object>> takeAck(Long ackId) {
        return pendingAcks == null || ackId == null ? null : pendingAcks.remove(ackId);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static Set<String> concat(Set<String> set, String element) {
        Set<String> next = new HashSet<>(set);
        next.add(element);
        return Set.copyOf(next);
    }

    private static Set<String> without(Set<String> set, String element) {
        Set<String> next = new HashSet<>(set);
        next.remove(element);
        return Set.copyOf(next);
    }

    private static List<Object> eventData(String event, Object... args) {
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(arg);
        }
        return data;
    }

    private final class ClientAck implements Ack {

        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        ClientAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                Socket.this.send(Packet.of(PacketType.ACK, namespace.name(), ackId, new ArrayList<>(Arrays.asList(args))));
            }
        }
    }

    private enum NoAck implements Ack {
        INSTANCE;

        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public void send(Object... args) {
        }
    }
}
