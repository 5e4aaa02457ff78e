package com.astro.socketio.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.web.server.WebHandler;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Engine.IO v4 server: opens sessions, keeps them by sid, and exposes one {@link WebHandler} that serves
 * both transports at whatever path it is mounted on. Each new session is handed to the connection listener
 * before any client packet is read.
 */
public final class EngineServer {

    private final EngineOptions options;
    private final SidGenerator sids;
    private final Consumer<EngineSession> connectionListener;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Integer> sessionsPerAddress = new ConcurrentHashMap<>();
    private final Scheduler timer = Schedulers.parallel();
    private final EngineWebHandler webHandler;

    public EngineServer(EngineOptions options, Consumer<EngineSession> connectionListener) {
        this.options = options;
        this.sids = new SidGenerator(options.sidPrefix());
        this.connectionListener = connectionListener;
        this.webHandler = new EngineWebHandler(this, options);
    }

    public EngineOptions options() {
        return options;
    }

    /** Serves polling and WebSocket requests; mount it at the Engine.IO path (e.g. {@code /socket.io/}). */
    public WebHandler webHandler() {
        return webHandler;
    }

    /** Open sessions, for metrics. */
    public int sessionCount() {
        return sessions.size();
    }

    public Collection<EngineSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Closes every session (server shutdown). */
    public void closeAll() {
        sessions().forEach(EngineSession::close);
    }

    EngineSession find(String sid) {
        return sessions.get(sid);
    }

    /**
     * Why a new session may not open now, or {@code null} when it may. Checked before the session opens (and before
     * a WebSocket upgrade), so handshakes under way at the same moment may pass a limit by their number.
     */
    EngineError refusal(HandshakeRequest handshake) {
        SessionLimits limits = options.sessionLimits();
        if (sessions.size() >= limits.maxSessions()) {
            return EngineError.SERVER_FULL;
        }
        if (sessionsPerAddress.getOrDefault(limits.clientAddress(handshake), 0) >= limits.maxPerAddress()) {
            return EngineError.TOO_MANY_SESSIONS_FROM_ADDRESS;
        }
        return null;
    }

    EngineSession open(HandshakeRequest handshake, WebSocketTransport webSocket) {
        String address = options.sessionLimits().clientAddress(handshake);
        EngineSession session = new EngineSession(sids.next(), options, handshake, timer, closed -> {
            if (sessions.remove(closed.id(), closed)) {
                sessionsPerAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
            }
        });
        sessions.put(session.id(), session);
        sessionsPerAddress.merge(address, 1, Integer::sum);
        if (webSocket != null) {
            session.openedOverWebSocket(webSocket);
        }
        session.send(new EnginePacket(EnginePacket.OPEN, openJson(session.id(), webSocket == null), null));
        connectionListener.accept(session);
        session.startHeartbeat();
        return session;
    }

    private String openJson(String sid, boolean canUpgrade) {
        return "{\"sid\":\"" + sid + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxPayload() + "}";
    }
}
