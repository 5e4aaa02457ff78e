package com.astro.chat.session;

import org.springframework.stereotype.Service;

import com.astro.chat.ChatRefusal;
import com.astro.chat.realtime.UserRelay;
import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Mono;

/**
 * The seed's client-sent {@code session:request}: the user of a session still waiting for its astrologer asks for
 * the astrologer to be told of it again, on whatever instance the astrologer's sockets are (no domain event carries
 * this reminder, so it goes as a relay).
 */
@Service
public class SessionRequests {

    static final String EVENT = "session:request";

    private final SessionStore sessions;

    private final UserRelay relay;

    SessionRequests(SessionStore sessions, UserRelay relay) {
        this.sessions = sessions;
        this.relay = relay;
    }

    /**
     * Completes once the broker holds the reminder. Only the session's user may ask (anyone else, the astrologer
     * too, is told there is no such session), and only while the session is pending.
     */
    public Mono<Void> requestAgain(CurrentUser user, String sessionId) {
        return sessions.find(sessionId)
                .filter(session -> user.id().equals(session.userId()))
                .switchIfEmpty(Mono.error(() -> SessionAccess.notFound(sessionId)))
                .flatMap(session -> session.isPending()
                        ? relay.toUser(session.astrologerId(), EVENT, SessionNotices.Requested.of(session))
                        : Mono.error(new ChatRefusal(ChatRefusal.SESSION_NOT_PENDING,
                                "Session " + sessionId + " is no longer waiting for the astrologer")));
    }
}
