package com.astro.bench.storage;

/**
 * The message stream every storage path writes: message k belongs to session k mod sessions and is sent
 * alternately by its user and its astrologer, each with its own clientMessageId, as in a chat.
 */
record MessageWorkload(String runId, int sessions) {

    String sessionId(long k) {
        return runId + "-session-" + (k % sessions);
    }

    boolean fromUser(long k) {
        return (k / sessions) % 2 == 0;
    }

    String senderId(long k) {
        return runId + (fromUser(k) ? "-user-" : "-astro-") + (k % sessions);
    }

    String senderRole(long k) {
        return fromUser(k) ? "user" : "astrologer";
    }

    String clientMessageId(long k) {
        return "m-" + k;
    }

    String text(long k) {
        return "benchmark message " + k + " with a typical short chat text";
    }

    /** The sequence number message k gets in its session (messages of a session are numbered from 1). */
    long seq(long k) {
        return k / sessions + 1;
    }
}
