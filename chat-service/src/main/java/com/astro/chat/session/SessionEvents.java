package com.astro.chat.session;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.kafka.EventReader;

/**
 * How session events are read, by the shared read-model group and by each instance's fan-out consumer alike: the
 * minimum an event must carry to be applied; anything less is unprocessable.
 */
public final class SessionEvents {

    public static final EventReader<SessionRequested> REQUESTED = EventReader
            .of(SessionRequested.class, SessionRequested.SCHEMA_VERSION)
            .requiring(e -> e.sessionId() != null && e.userId() != null && e.astrologerId() != null
                    && e.sessionType() != null, "a session-requested without session, parties or type");

    public static final EventReader<SessionAccepted> ACCEPTED = EventReader
            .of(SessionAccepted.class, SessionAccepted.SCHEMA_VERSION)
            .requiring(e -> e.sessionId() != null && e.userId() != null && e.astrologerId() != null
                    && e.sessionType() != null, "a session-accepted without session, parties or type");

    public static final EventReader<SessionEnded> ENDED = EventReader
            .of(SessionEnded.class, SessionEnded.OLDEST_READABLE_VERSION, SessionEnded.SCHEMA_VERSION)
            .requiring(e -> e.sessionId() != null && e.userId() != null && e.astrologerId() != null,
                    "a session-ended without session or parties");

    private SessionEvents() {
    }
}
