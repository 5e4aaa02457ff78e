package com.astro.chat.session;

import java.util.Locale;

import org.springframework.stereotype.Component;

import com.astro.chat.ChatRefusal;
import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Mono;

/**
 * Who may touch a session: its two participants. A session the caller does not take part in is reported
 * exactly like one that does not exist, so ids of other people's sessions cannot be probed.
 */
@Component
public class SessionAccess {

    private final SessionStore sessions;

    SessionAccess(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The session if the caller takes part in it (or is an admin and {@code admins} is true). */
    public Mono<ChatSession> visibleTo(String sessionId, CurrentUser caller, boolean admins) {
        return sessions.find(sessionId)
                .filter(session -> session.hasParticipant(caller.id()) || (admins && caller.isAdmin()))
                .switchIfEmpty(Mono.error(() -> notFound(sessionId)));
    }

    /** The session if the caller takes part in it and it is active (accepted, not ended). */
    public Mono<ChatSession> activeFor(String sessionId, CurrentUser caller) {
        return visibleTo(sessionId, caller, false).flatMap(session -> session.isActive() ? Mono.just(session)
                : Mono.error(new ChatRefusal(ChatRefusal.SESSION_NOT_ACTIVE,
                        "Session " + sessionId + " is " + session.status().name().toLowerCase(Locale.ROOT)
                                + ", not active")));
    }

    static ChatRefusal notFound(String sessionId) {
        return new ChatRefusal(ChatRefusal.SESSION_NOT_FOUND, "No session " + sessionId + " that you take part in");
    }
}
