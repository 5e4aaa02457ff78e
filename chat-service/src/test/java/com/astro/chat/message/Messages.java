package com.astro.chat.message;

import java.time.Duration;

import com.astro.chat.ChatCluster;

/** What tests read of an instance's stored messages, whose store is internal to this package. */
public final class Messages {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Messages() {
    }

    /** How many messages of the session are stored. */
    public static long count(ChatCluster.Instance instance, String sessionId) {
        return instance.bean(MessageStore.class).count(sessionId).block(WAIT);
    }
}
