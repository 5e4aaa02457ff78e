package com.astro.chat.realtime;

import org.springframework.stereotype.Component;

import com.astro.socketio.server.Namespace;
import com.astro.socketio.server.SocketIoServer;

/** Notifications through the Socket.IO rooms of this instance: {@code user:<id>} per user, {@code session:<id>} per room. */
@Component
class SocketNotifier implements Notifier {

    private final Namespace sockets;

    SocketNotifier(SocketIoServer server) {
        this.sockets = server.sockets();
    }

    static String userRoom(String userId) {
        return "user:" + userId;
    }

    static String sessionRoom(String sessionId) {
        return "session:" + sessionId;
    }

    @Override
    public void toUser(String userId, String event, Object payload) {
        sockets.to(userRoom(userId)).emit(event, Replies.json(payload));
    }

    @Override
    public boolean holdsUser(String userId) {
        return !sockets.to(userRoom(userId)).sockets().isEmpty();
    }

    @Override
    public void leaveSessionRoom(String sessionId) {
        String room = sessionRoom(sessionId);
        sockets.to(room).sockets().forEach(socket -> socket.leave(room));
    }
}
