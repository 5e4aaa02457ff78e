package com.astro.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One Engine.IO session (a "socket" in the spec): its outbound buffer, its current transport (long-polling,
 * or WebSocket once opened or upgraded), its heartbeat and its close. Thread-safe: state changes and outbound
 * emissions are serialized by a per-session lock that is never held while application code runs.
 */
public final class EngineSession {

    private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

    private final String id;
    private final EngineOptions options;
    private final HandshakeRequest handshake;
    private final Scheduler timer;
    private final Consumer<EngineSession> onRemoved;
    private final Object lock = new Object();
    // packets waiting for the next long-polling GET; made on the first one (a WebSocket session never needs it)
    private ArrayDeque<EnginePacket> buffer;
    private volatile List<Consumer<String>> closeListeners = List.of();
    private volatile Consumer<EnginePacket> messageListener = packet -> { };
    private Sinks.One<List<EnginePacket>> pendingPoll;
    private WebSocketTransport webSocket;
    private WebSocketTransport probing;
    private boolean upgrading;
    private volatile boolean closed;
    private volatile boolean awaitingPong;
    private final AtomicBoolean posting = new AtomicBoolean();
    private Disposable heartbeat;

    EngineSession(String id, EngineOptions options, HandshakeRequest handshake, Scheduler timer,
            Consumer<EngineSession> onRemoved) {
        this.id = id;
        this.options = options;
        this.handshake = handshake;
        this.timer = timer;
        this.onRemoved = onRemoved;
    }

    public String id() {
        return id;
    }

    public HandshakeRequest handshake() {
        return handshake;
    }

    public boolean isClosed() {
        return closed;
    }

    public String transportName() {
        synchronized (lock) {
            return webSocket != null && !upgrading ? "websocket" : "polling";
        }
    }

    /** Called for each message packet (text or binary), in order, on a network thread: never block in it. */
    public void onMessage(Consumer<EnginePacket> listener) {
        this.messageListener = listener;
    }

    /** Called once with the close reason. */
    public void onClose(Consumer<String> listener) {
        synchronized (lock) {
            List<Consumer<String>> next = new ArrayList<>(closeListeners);
            next.add(listener);
            closeListeners = List.copyOf(next);
        }
        if (closed) {
            listener.accept("transport close");
        }
    }

    public void send(EnginePacket packet) {
        sendAll(List.of(packet));
    }

    /** Queues packets atomically (binary attachments stay together with their header). */
    public void sendAll(List<EnginePacket> packets) {
        boolean overflow = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (webSocket != null && !upgrading) {
                for (EnginePacket packet : packets) {
                    if (!webSocket.offer(packet)) {
                        overflow = true;
                        break;
                    }
                }
            }
            else if (buffered() + packets.size() > options.maxBufferedPackets()) {
                overflow = true;
            }
            else {
                buffer().addAll(packets);
                flushPoll();
            }
        }
        if (overflow) {
            log.debug("closing Engine.IO session {}: outbound buffer full", id);
            close("slow consumer");
        }
    }

    /** Closes from the server side: a CLOSE packet is sent first when the transport allows. */
    public void close() {
        close("forced close");
    }

    // ---- transport side -----------------------------------------------------------------------------

    void openedOverWebSocket(WebSocketTransport transport) {
        synchronized (lock) {
            webSocket = transport;
        }
    }

    void startHeartbeat() {
        schedulePing();
    }

    /** A long-polling GET: the buffered packets now, or the next ones (at the latest the next ping). */
    Mono<List<EnginePacket>> poll() {
        Sinks.One<List<EnginePacket>> overlapped = null;
        Mono<List<EnginePacket>> result;
        synchronized (lock) {
            if (closed || (webSocket != null && !upgrading)) {
                return Mono.error(new EngineException(EngineError.BAD_REQUEST));
            }
            if (pendingPoll != null) {
                overlapped = pendingPoll;
                pendingPoll = null;
                result = Mono.error(new EngineException(EngineError.BAD_REQUEST));
            }
            else if (buffered() > 0) {
                result = Mono.just(drain());
            }
            else {
                Sinks.One<List<EnginePacket>> sink = Sinks.one();
                pendingPoll = sink;
                result = sink.asMono().doOnCancel(() -> {
                    synchronized (lock) {
                        if (pendingPoll == sink) {
                            pendingPoll = null;
                        }
                    }
                });
            }
        }
        if (overlapped != null) {
            // two concurrent GETs on one session is a protocol violation: the first gets a CLOSE packet
            overlapped.tryEmitValue(List.of(EnginePacket.of(EnginePacket.CLOSE)));
            close("transport error");
        }
        return result;
    }

    /** Whether a long-polling GET is parked waiting for packets. */
    boolean hasWaitingPoll() {
        synchronized (lock) {
            return pendingPoll != null;
        }
    }

    /** Packets received from the client, over either transport. */
    void receive(EnginePacket packet) {
        if (closed) {
            return;
        }
        switch (packet.type()) {
            case EnginePacket.MESSAGE -> deliver(packet);
            case EnginePacket.PONG -> pong();
            case EnginePacket.PING -> send(new EnginePacket(EnginePacket.PONG, packet.text(), null));
            case EnginePacket.CLOSE -> close("transport close");
            case EnginePacket.NOOP -> { }
            default -> close("parse error");
        }
    }

    /** Only one POST at a time: overlapping data requests are a protocol violation. */
    boolean beginPost() {
        return posting.compareAndSet(false, true);
    }

    void endPost() {
        posting.set(false);
    }

    boolean beginUpgrade(WebSocketTransport transport) {
        synchronized (lock) {
            if (closed || webSocket != null || upgrading) {
                return false;
            }
            upgrading = true;
            probing = transport;
            return true;
        }
    }

    /** The probe succeeded: let the pending GET end so the client can pause polling. */
    void probed() {
        synchronized (lock) {
            if (pendingPoll != null) {
                pendingPoll.tryEmitValue(List.of(EnginePacket.of(EnginePacket.NOOP)));
                pendingPoll = null;
            }
            else {
                buffer().add(EnginePacket.of(EnginePacket.NOOP));
            }
        }
    }

    /** The client sent UPGRADE: from now on everything goes over the WebSocket. */
    void upgraded(WebSocketTransport transport) {
        boolean overflow = false;
        synchronized (lock) {
            if (closed || webSocket != null) {
                transport.close();
                return;
            }
            webSocket = transport;
            upgrading = false;
            probing = null;
            if (pendingPoll != null) {
                pendingPoll.tryEmitValue(List.of(EnginePacket.of(EnginePacket.NOOP)));
                pendingPoll = null;
            }
            while (buffered() > 0 && !overflow) {
                overflow = !transport.offer(buffer.poll());
            }
            buffer = null;
        }
        if (overflow) {
            close("slow consumer");
        }
    }

    void upgradeAbandoned() {
        synchronized (lock) {
            upgrading = false;
            probing = null;
        }
    }

    boolean isUpgradedTo(WebSocketTransport transport) {
        synchronized (lock) {
            return webSocket == transport;
        }
    }

    /**
     * Closes the session with a reason handed to the close listeners. {@code "forced close"} (a server decision)
     * sends a CLOSE packet first; other reasons ({@code "parse error"}, {@code "transport error"}...) just end it.
     */
    public void close(String reason) {
        List<Consumer<String>> listeners;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (heartbeat != null) {
                heartbeat.dispose();
            }
            boolean serverSide = "forced close".equals(reason);
            if (webSocket != null && !upgrading) {
                if (serverSide) {
                    webSocket.offer(EnginePacket.of(EnginePacket.CLOSE));
                }
                webSocket.close();
            }
            else if (pendingPoll != null) {
                pendingPoll.tryEmitValue(List.of(EnginePacket.of(serverSide ? EnginePacket.CLOSE : EnginePacket.NOOP)));
                pendingPoll = null;
            }
            if (probing != null) {
                // a WebSocket still probing has no heartbeat of its own: it ends with the session
                probing.close();
                probing = null;
            }
            buffer = null;
            listeners = closeListeners;
        }
        onRemoved.accept(this);
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(reason);
            }
            catch (RuntimeException ex) {
                log.warn("close listener of Engine.IO session {} failed", id, ex);
            }
        }
    }

    private void deliver(EnginePacket packet) {
        try {
            messageListener.accept(packet);
        }
        catch (RuntimeException ex) {
            log.warn("message listener of Engine.IO session {} failed", id, ex);
        }
    }

    private List<EnginePacket> drain() {
        List<EnginePacket> packets = new ArrayList<>(buffer);
        buffer.clear();
        return packets;
    }

    private ArrayDeque<EnginePacket> buffer() {
        if (buffer == null) {
            buffer = new ArrayDeque<>(4);
        }
        return buffer;
    }

    private int buffered() {
        return buffer == null ? 0 : buffer.size();
    }

    private void flushPoll() {
        if (pendingPoll != null && buffered() > 0) {
            pendingPoll.tryEmitValue(drain());
            pendingPoll = null;
        }
    }

    private void schedulePing() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            heartbeat = timer.schedule(this::ping, options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void ping() {
        awaitingPong = true;
        send(EnginePacket.of(EnginePacket.PING));
        synchronized (lock) {
            if (closed) {
                return;
            }
            heartbeat = timer.schedule(() -> {
                if (awaitingPong) {
                    close("ping timeout");
                }
            }, options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void pong() {
        if (!awaitingPong) {
            return;
        }
        awaitingPong = false;
        synchronized (lock) {
            if (heartbeat != null) {
                heartbeat.dispose();
            }
        }
        schedulePing();
    }
}
