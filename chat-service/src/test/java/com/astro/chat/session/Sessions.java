package com.astro.chat.session;

import java.time.Duration;

import com.astro.chat.ChatCluster;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionRequested;

/** What tests read and write of an instance's session read model, whose store is internal to this package. */
public final class Sessions {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Sessions() {
    }

    /** The session as the instance knows it, null if it knows none. */
    public static ChatSession find(ChatCluster.Instance instance, String sessionId) {
        return instance.bean(SessionStore.class).find(sessionId).block(WAIT);
    }

    /** Applies the event straight to the instance's read model, as its listener would. */
    public static void apply(ChatCluster.Instance instance, SessionRequested event) {
        instance.bean(SessionStore.class).requested(event).block(WAIT);
    }

    public static void apply(ChatCluster.Instance instance, SessionAccepted event) {
        instance.bean(SessionStore.class).accepted(event).block(WAIT);
    }
}
