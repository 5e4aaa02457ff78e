package com.astro.chat.session;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;

/** The minimum a session event must carry to be applied; anything less is unprocessable. */
public final class SessionEvents {

    private SessionEvents() {
    }

    public static boolean valid(SessionRequested e) {
        return e != null && e.sessionId() != null && e.userId() != null && e.astrologerId() != null
                && e.sessionType() != null;
    }

    public static boolean valid(SessionAccepted e) {
        return e != null && e.sessionId() != null && e.userId() != null && e.astrologerId() != null
                && e.sessionType() != null;
    }

    public static boolean valid(SessionEnded e) {
        return e != null && e.sessionId() != null && e.userId() != null && e.astrologerId() != null;
    }
}
