package com.astro.chat.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.astro.chat.ChatRefusal;
import com.astro.chat.config.ChatProperties;
import com.astro.chat.message.MessageDelivery;
import com.astro.chat.message.MessageService;
import com.astro.chat.message.MessageView;
import com.astro.chat.message.Recipient;
import com.astro.chat.metrics.ChatMetrics;
import com.astro.chat.presence.Connections;
import com.astro.chat.presence.PresenceClient;
import com.astro.chat.read.ReadReceipts;
import com.astro.chat.session.SessionAccess;
import com.astro.chat.session.SessionRequests;
import com.astro.chat.typing.TypingIndicators;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;
import com.astro.socketio.server.Ack;
import com.astro.socketio.server.Namespace;
import com.astro.socketio.server.Socket;
import com.astro.socketio.server.SocketIoServer;

import reactor.core.publisher.Mono;

/**
 * The seed's socket events on this instance's main namespace. Handlers run on network threads and never
 * block: each starts a reactive chain and answers when it completes.
 */
@Component
class ChatSockets {

    private static final int MAX_CLIENT_MESSAGE_ID = 100;

    private static final String QUEUE = "requests";

    private static final String LIMITS = "limits";

    private static final int MAX_TOKEN_LENGTH = 16_384;

    private final Namespace sockets;

    private final MessageService messages;

    private final MessageDelivery delivery;

    private final SessionAccess access;

    private final SessionRequests requests;

    private final PresenceClient presence;

    private final Connections connections;

    private final TypingIndicators typing;

    private final ReadReceipts reads;

    private final SocketAuthentication authentication;

    private final RequestBudget budget;

    private final int maxQueuedPerSocket;

    private final SocketRateLimitProperties rateLimits;

    private final ChatMetrics metrics;

    private final Duration tokenGrace;

    ChatSockets(SocketIoServer server, SocketAuthentication authentication, MessageService messages,
            MessageDelivery delivery, SessionAccess access, SessionRequests requests, PresenceClient presence,
            Connections connections, TypingIndicators typing, ReadReceipts reads,
            ChatProperties properties, SocketRateLimitProperties rateLimits, ChatMetrics metrics) {
        this.sockets = server.sockets();
        this.messages = messages;
        this.delivery = delivery;
        this.access = access;
        this.requests = requests;
        this.presence = presence;
        this.connections = connections;
        this.typing = typing;
        this.reads = reads;
        this.authentication = authentication;
        this.budget = new RequestBudget(properties.maxRequestsInFlight());
        this.maxQueuedPerSocket = properties.maxQueuedPerSocket();
        this.rateLimits = rateLimits;
        this.metrics = metrics;
        this.tokenGrace = properties.tokenGrace();
        sockets.use(authentication);
        sockets.onConnection(this::connected);
    }

    private void connected(Socket socket) {
        CurrentUser user = socket.attribute(SocketAuthentication.USER);
        SocketIdentity identity = new SocketIdentity(socket, user, socket.attribute(SocketAuthentication.EXPIRES_AT),
                tokenGrace);
        socket.join(SocketNotifier.userRoom(user.id()));
        metrics.socketOpened();
        socket.onDisconnect(reason -> {
            metrics.socketClosed(reason);
            identity.closed();
            SerialQueue queue = socket.attribute(QUEUE);
            if (queue != null) {
                queue.close();
            }
            delivery.leaveAll(socket.id());
            typing.socketClosed(socket.id());
            connections.closed(socket.id(), user);
        });
        connections.opened(socket.id(), user);

        socket.on("auth:refresh", (args, ack) -> refresh(socket, identity, args, ack));
        socket.on("presence:on", (args, ack) -> setPresence(socket, identity, true, args, ack));
        socket.on("presence:off", (args, ack) -> setPresence(socket, identity, false, args, ack));
        socket.on("join-session", (args, ack) -> join(socket, user, args, ack));
        socket.on("leave-session", (args, ack) -> leave(socket, args, ack));
        socket.on("message:send", (args, ack) -> send(socket, user, args, ack));
        socket.on("session:request", (args, ack) -> requestAgain(socket, user, args, ack));
        socket.on("typing:start", (args, ack) -> typing(socket, user, true, args, ack));
        socket.on("typing:stop", (args, ack) -> typing(socket, user, false, args, ack));
        socket.on("message:read", (args, ack) -> markRead(socket, user, args, ack));
    }

    /**
     * A newer token for the socket's user extends the socket's life to its expiry plus the grace; a token of
     * another user disconnects the socket; an invalid one is refused and changes nothing.
     */
    private void refresh(Socket socket, SocketIdentity identity, List<Object> args, Ack ack) {
        run(socket, ack, "auth:refresh", null, null, () -> {
            String token = Payloads.requiredString(Payloads.object("auth:refresh", args), "token");
            return authentication.verify(token).doOnNext(jwt -> {
                if (!identity.user().id().equals(jwt.getSubject())) {
                    Replies.refuse(socket, ack, "auth:refresh", new ChatRefusal(ChatRefusal.FORBIDDEN,
                            "The token belongs to another user"), null, null);
                    identity.subjectChanged(jwt.getSubject());
                    return;
                }
                identity.extend(SocketAuthentication.expiry(jwt));
                Replies.ok(ack, "expiresAt", identity.expiresAt(), "disconnectAt", identity.disconnectAt());
            });
        });
    }

    /**
     * Asks presence-service, with this service's credential, to set the socket's own astrologer online or offline.
     * The seed's clients sent a fresh token along ({@code {token}}): it is still taken, as a refresh that must name
     * the socket's user.
     */
    private void setPresence(Socket socket, SocketIdentity identity, boolean online, List<Object> args, Ack ack) {
        String event = online ? "presence:on" : "presence:off";
        CurrentUser user = identity.user();
        run(socket, ack, event, null, null, () -> {
            if (!user.is(Role.ASTROLOGER)) {
                throw new ChatRefusal(ChatRefusal.FORBIDDEN, "Only astrologers have a presence to change");
            }
            // the seed's clients may send their id or nothing at all; only an object's token is read
            String fresh = !args.isEmpty() && args.get(0) instanceof Map<?, ?> payload
                    ? Payloads.optionalString(payload, "token", MAX_TOKEN_LENGTH) : null;
            Mono<Void> refreshed = fresh == null ? Mono.empty() : authentication.verify(fresh).flatMap(jwt -> {
                if (!user.id().equals(jwt.getSubject())) {
                    return Mono.error(new ChatRefusal(ChatRefusal.FORBIDDEN, "The token belongs to another user"));
                }
                identity.extend(SocketAuthentication.expiry(jwt));
                return Mono.empty();
            });
            return refreshed.then(presence.set(user, online))
                    .then(Mono.fromRunnable(() -> Replies.ok(ack, "online", online)));
        });
    }

    private void join(Socket socket, CurrentUser user, List<Object> args, Ack ack) {
        String sessionId = Payloads.peek(args, "sessionId");
        run(socket, ack, "join-session", sessionId, null, () -> {
            Map<?, ?> payload = Payloads.object("join-session", args);
            String id = Payloads.requiredString(payload, "sessionId");
            Long afterSeq = Payloads.optionalSeq(payload, "afterSeq");
            return access.activeFor(id, user)
                    .flatMap(session -> {
                        socket.join(SocketNotifier.sessionRoom(id));
                        return delivery.join(id, recipient(socket), afterSeq);
                    })
                    .doOnNext(replayed -> {
                        if (!socket.connected()) {
                            // it went away while joining, after its disconnect cleaned up: clean up again
                            delivery.leave(id, socket.id());
                        }
                        Replies.ok(ack, "sessionId", id, "replayed", replayed);
                    });
        });
    }

    private void leave(Socket socket, List<Object> args, Ack ack) {
        String sessionId = Payloads.peek(args, "sessionId");
        run(socket, ack, "leave-session", sessionId, null, () -> {
            String id = Payloads.requiredString(Payloads.object("leave-session", args), "sessionId");
            delivery.leave(id, socket.id());
            socket.leave(SocketNotifier.sessionRoom(id));
            Replies.ok(ack, "sessionId", id);
            return Mono.empty();
        });
    }

    private void send(Socket socket, CurrentUser user, List<Object> args, Ack ack) {
        String sessionId = Payloads.peek(args, "sessionId");
        String clientMessageId = Payloads.peek(args, "clientMessageId");
        run(socket, ack, "message:send", sessionId, clientMessageId, () -> {
            Map<?, ?> payload = Payloads.object("message:send", args);
            MessageService.Send command = new MessageService.Send(Payloads.requiredString(payload, "sessionId"),
                    Payloads.string(payload, "text"),
                    Payloads.optionalString(payload, "clientMessageId", MAX_CLIENT_MESSAGE_ID));
            return messages.send(user, command).doOnNext(message -> Replies.ok(ack, "message", message));
        });
    }

    /** The seed's client-sent session:request: the session's user asks for the pending request to be announced again. */
    private void requestAgain(Socket socket, CurrentUser user, List<Object> args, Ack ack) {
        String sessionId = Payloads.peek(args, "sessionId");
        run(socket, ack, "session:request", sessionId, null, () -> {
            String id = Payloads.requiredString(Payloads.object("session:request", args), "sessionId");
            return requests.requestAgain(user, id).then(Mono.fromRunnable(() -> Replies.ok(ack, "sessionId", id)));
        });
    }

    /** {@code typing:start} or {@code typing:stop}: one rule for both, as for presence on and off. */
    private void typing(Socket socket, CurrentUser user, boolean start, List<Object> args, Ack ack) {
        String event = start ? "typing:start" : "typing:stop";
        String sessionId = Payloads.peek(args, "sessionId");
        run(socket, ack, event, sessionId, null, () -> {
            String id = Payloads.requiredString(Payloads.object(event, args), "sessionId");
            Mono<Void> done = start ? typing.start(user, socket.id(), id) : typing.stop(user, socket.id(), id);
            return done.then(Mono.fromRunnable(() -> Replies.ok(ack, "sessionId", id)));
        });
    }

    private void markRead(Socket socket, CurrentUser user, List<Object> args, Ack ack) {
        String sessionId = Payloads.peek(args, "sessionId");
        run(socket, ack, "message:read", sessionId, null, () -> {
            Map<?, ?> payload = Payloads.object("message:read", args);
            String id = Payloads.requiredString(payload, "sessionId");
            long seq = Payloads.requiredSeq(payload, "seq");
            return reads.markRead(user, id, seq).doOnNext(now -> Replies.ok(ack, "sessionId", id, "seq", now));
        });
    }

    /**
     * Queues a handler's chain behind the socket's earlier requests, if the socket has budget left for the event;
     * a synchronous refusal (bad payload) or an error of the chain is answered alike.
     */
    private void run(Socket socket, Ack ack, String event, String sessionId, String clientMessageId,
            Supplier<Mono<?>> handler) {
        // the budgets and the queue are made by the socket's first request: most sockets stay idle (issue 23)
        SocketLimits limits = (SocketLimits) socket.attributes().computeIfAbsent(LIMITS, key -> new SocketLimits(rateLimits));
        SocketLimits.Verdict verdict = limits.spend(event);
        if (verdict != SocketLimits.Verdict.ALLOWED) {
            boolean flooding = verdict == SocketLimits.Verdict.FLOODING;
            Replies.refuse(socket, ack, event, new ChatRefusal(ChatRefusal.RATE_LIMITED, flooding
                    ? "Too many " + event + " events after being told to slow down; disconnecting"
                    : "Too many " + event + " events; slow down"), sessionId, clientMessageId);
            if (flooding) {
                socket.disconnect();
            }
            return;
        }
        SerialQueue queue = (SerialQueue) socket.attributes().computeIfAbsent(QUEUE,
                key -> new SerialQueue(maxQueuedPerSocket, budget));
        SerialQueue.Refusal refusal = queue.submit(() -> {
            Mono<?> chain;
            try {
                chain = handler.get();
            }
            catch (RuntimeException ex) {
                refuse(socket, ack, event, ex, sessionId, clientMessageId);
                return Mono.empty();
            }
            return chain.doOnError(error -> refuse(socket, ack, event, error, sessionId, clientMessageId));
        });
        switch (refusal) {
            case SOCKET_FULL -> refuse(socket, ack, event, new ChatRefusal(ChatRefusal.TOO_MANY_REQUESTS,
                    "Too many requests waiting; slow down"), sessionId, clientMessageId);
            case INSTANCE_BUSY -> refuse(socket, ack, event, new ChatRefusal(ChatRefusal.BUSY,
                    "The server is busy; try again shortly"), sessionId, clientMessageId);
            case NONE -> { }
        }
    }

    private void refuse(Socket socket, Ack ack, String event, Throwable failure, String sessionId,
            String clientMessageId) {
        if (event.equals("message:send")) {
            metrics.messageRefused(failure instanceof ChatRefusal known ? known.code() : ChatRefusal.INTERNAL_ERROR);
        }
        Replies.refuse(socket, ack, event, failure, sessionId, clientMessageId);
    }

    private Recipient recipient(Socket socket) {
        return new Recipient() {

            @Override
            public String id() {
                return socket.id();
            }

            @Override
            public void receive(MessageView message) {
                socket.emit("message:receive", Replies.json(message));
                metrics.messageDelivered(message.sentAt());
            }
        };
    }
}
