package com.astro.chat.presence;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import com.astro.chat.ChatRefusal;
import com.astro.chat.metrics.ChatMetrics;
import com.astro.common.event.EventJson;
import com.astro.socketio.server.Ack;
import com.astro.socketio.server.Namespace;
import com.astro.socketio.server.Socket;
import com.astro.socketio.server.SocketIoServer;

import tools.jackson.databind.util.RawValue;

/**
 * What each socket hears of presence, by the mode it asked for ({@code auth.presence} in the handshake, or
 * {@code presence:subscribe {mode}} at any time):
 * <ul>
 * <li>{@code list} (the default, the seed's behaviour): {@code presence:online-list} on connect and after
 * changes, coalesced to at most one broadcast per {@code listInterval};</li>
 * <li>{@code deltas}: the list once, then {@code presence:changed} with one astrologer's new view per change;</li>
 * <li>{@code none}: nothing (an astrologer's dashboard).</li>
 * </ul>
 * A mode is a room of this instance, so every broadcast is built and encoded once for all its sockets.
 */
@Component
class PresenceSockets {

    static final String LIST = "presence:list";

    static final String DELTAS = "presence:deltas";

    private static final String ONLINE_LIST = "presence:online-list";

    private final Namespace sockets;

    private final OnlineList list;

    PresenceSockets(SocketIoServer server, OnlineList list, TaskScheduler scheduler, Clock clock,
            PresenceProperties properties, ChatMetrics metrics) {
        this.sockets = server.sockets();
        this.list = list;
        CoalescedBroadcast lists = new CoalescedBroadcast(
                () -> list.locked(() -> {
                    sockets.to(LIST).emit(ONLINE_LIST, list.json());
                    metrics.onlineListBroadcast();
                }), scheduler, clock,
                properties.listInterval());
        list.onChange(view -> {
            sockets.to(DELTAS).emit("presence:changed", new RawValue(EventJson.mapper().writeValueAsString(view)));
            metrics.presenceChangeBroadcast();
            lists.changed();
        });
        sockets.onConnection(this::connected);
    }

    private void connected(Socket socket) {
        Mode mode = Mode.parse(socket.handshake().auth().get("presence"));
        subscribe(socket, mode == null ? Mode.LIST : mode);
        socket.on("presence:subscribe", (args, ack) -> {
            Object requested = !args.isEmpty() && args.get(0) instanceof Map<?, ?> payload ? payload.get("mode") : null;
            Mode next = Mode.parse(requested);
            if (next == null) {
                refuse(socket, ack);
                return;
            }
            subscribe(socket, next);
            if (ack.requested()) {
                ack.send(Map.of("ok", true, "mode", next.wire));
            }
        });
    }

    /** Moves the socket to its mode's room and, unless it wants nothing, sends it the list to start from. */
    private void subscribe(Socket socket, Mode mode) {
        list.locked(() -> {
            socket.leave(LIST);
            socket.leave(DELTAS);
            if (mode != Mode.NONE) {
                socket.join(mode == Mode.LIST ? LIST : DELTAS);
                socket.emit(ONLINE_LIST, list.json());
            }
        });
    }

    private static void refuse(Socket socket, Ack ack) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", ChatRefusal.INVALID_PAYLOAD);
        error.put("message", "presence:subscribe needs { mode: \"list\" | \"deltas\" | \"none\" }");
        if (ack.requested()) {
            ack.send(Map.of("ok", false, "error", error));
        }
        Map<String, Object> notice = new LinkedHashMap<>(error);
        notice.put("event", "presence:subscribe");
        socket.emit("message:error", notice);
    }

    enum Mode {
        LIST, DELTAS, NONE;

        final String wire = name().toLowerCase(Locale.ROOT);

        static Mode parse(Object value) {
            return List.of(values()).stream().filter(mode -> mode.wire.equals(value)).findFirst().orElse(null);
        }
    }
}
