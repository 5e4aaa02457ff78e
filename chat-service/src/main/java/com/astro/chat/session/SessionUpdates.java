package com.astro.chat.session;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A session event as the instance that tells clients of it applies it. A request or an acceptance is told as it
 * is read, before the read model is written: the write is a round trip to Mongo, which under load made every
 * notification wait (and the session's later events behind it), while nothing here needs it first. Whether it is
 * still news is decided by what this instance has already read of the session (its acceptance, its end), and an
 * acceptance is held in memory before it is told, so a participant told "accepted" can join here at once. A late
 * event that the session has moved past (a request after the acceptance or the end, an acceptance or a
 * low-balance warning after the end) is applied and told to nobody: it would only mislead. A write that fails is
 * retried briefly; the shared read-model group applies every event anyway.
 */
@Service
public class SessionUpdates {

    private static final Retry STORE_RETRY = Retry.backoff(3, Duration.ofMillis(100));

    private final SessionStore store;

    SessionUpdates(SessionStore store) {
        this.store = store;
    }

    /**
     * Tells the astrologer at once, while the session still waits for them; answers the write of the request, for
     * the caller to run in order behind the session's earlier events.
     */
    public Mono<Void> requested(SessionRequested event, Consumer<SessionNotices.Requested> tell) {
        if (store.pendingHere(event.sessionId())) {
            tell.accept(SessionNotices.Requested.of(event));
        }
        return store.requested(event).retryWhen(STORE_RETRY);
    }

    /**
     * Tells both participants at once, unless the session ended before this arrived; answers the write of the
     * acceptance, for the caller to run in order behind the session's earlier events.
     */
    public Mono<Void> accepted(SessionAccepted event, Consumer<SessionNotices.Accepted> tell) {
        if (store.acceptedHere(event)) {
            tell.accept(SessionNotices.Accepted.of(event));
        }
        return store.accepted(event).retryWhen(STORE_RETRY);
    }

    /** An end is always news: the notice, once the end is applied (the caller closes the room, then tells both). */
    public Mono<SessionNotices.Ended> ended(SessionEnded event) {
        return store.ended(event).retryWhen(STORE_RETRY).thenReturn(SessionNotices.Ended.of(event));
    }

    /** The warning, while the session is still active; it changes nothing in the read model. */
    public Mono<SessionBalanceRanLow> lowBalance(SessionBalanceRanLow event) {
        return store.find(event.sessionId()).retryWhen(STORE_RETRY).filter(ChatSession::isActive).map(active -> event);
    }
}
