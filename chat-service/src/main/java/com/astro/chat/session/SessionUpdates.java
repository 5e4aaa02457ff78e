package com.astro.chat.session;

import org.springframework.stereotype.Service;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;

import reactor.core.publisher.Mono;

/**
 * A session event as the instance that is about to tell clients of it applies it: first to the read model, so a
 * client told "accepted" can join at once, then the notice, only if the session still stands where the event puts
 * it. A late event that the model has moved past (a request or acceptance arriving after the end, a low-balance
 * warning read after the end) yields no notice: it would only mislead.
 */
@Service
public class SessionUpdates {

    private final SessionStore store;

    SessionUpdates(SessionStore store) {
        this.store = store;
    }

    /** The notice for the astrologer, while the session still waits for them. */
    public Mono<SessionNotices.Requested> requested(SessionRequested event) {
        return store.requested(event).filter(ChatSession::isPending).map(now -> SessionNotices.Requested.of(event));
    }

    /** The notice for both participants, unless the session ended before this arrived. */
    public Mono<SessionNotices.Accepted> accepted(SessionAccepted event) {
        return store.accepted(event).filter(ChatSession::isActive).map(now -> SessionNotices.Accepted.of(event));
    }

    /** An end is always news: the notice, once the end is applied (the caller closes the room, then tells both). */
    public Mono<SessionNotices.Ended> ended(SessionEnded event) {
        return store.ended(event).thenReturn(SessionNotices.Ended.of(event));
    }

    /** The warning, while the session is still active; it changes nothing in the read model. */
    public Mono<SessionBalanceRanLow> lowBalance(SessionBalanceRanLow event) {
        return store.find(event.sessionId()).filter(ChatSession::isActive).map(active -> event);
    }
}
