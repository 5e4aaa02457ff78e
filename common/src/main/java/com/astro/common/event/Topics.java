package com.astro.common.event;

import java.util.List;

/**
 * Kafka topic names. They are a contract with analytics consumers: never rename one.
 */
public final class Topics {

    /** Key: session id. Value: {@link SessionRequested}. */
    public static final String SESSION_REQUESTED = "session-requested";

    /** Key: session id. Value: {@link SessionAccepted}. */
    public static final String SESSION_ACCEPTED = "session-accepted";

    /** Key: session id. Value: {@link SessionEnded}. */
    public static final String SESSION_ENDED = "session-ended";

    /**
     * Key: session id. Value: {@link SessionBalanceRanLow}: an active session's balance covers only a few more
     * minutes.
     */
    public static final String SESSION_BALANCE_RAN_LOW = "session-balance-ran-low";

    /** Key: session id. Value: {@link MessageSent}. */
    public static final String MESSAGE_SENT = "message-sent";

    /** Key: astrologer id. Value: {@link SessionRated}, a user's rating of an ended session or an edit of it. */
    public static final String SESSION_RATED = "session-rated";

    /** Key: astrologer id. Value: {@link PresenceChanged}. Log-compacted: the latest value per key is the current presence. */
    public static final String PRESENCE_CHANGED = "presence-changed";

    /** Key: user id. Value: {@link ConnectionChanged}, published by chat-service when a realtime connection opens or closes. */
    public static final String CHAT_CONNECTIONS = "chat-connections";

    /** Key: chat instance id. Value: {@link ChatInstanceHeartbeat}, the full set of connections an instance holds. */
    public static final String CHAT_HEARTBEATS = "chat-heartbeats";

    /**
     * Key: user id. Value: chat-service's {@code ChatRelay}, a Socket.IO event for one user's sockets on whichever
     * chat instance holds them. Internal to chat-service, which declares it.
     */
    public static final String CHAT_RELAY = "chat-relay";

    /** Every topic above. */
    public static final List<String> ALL = List.of(SESSION_REQUESTED, SESSION_ACCEPTED,
            SESSION_ENDED, SESSION_BALANCE_RAN_LOW, SESSION_RATED, MESSAGE_SENT, PRESENCE_CHANGED, CHAT_CONNECTIONS,
            CHAT_HEARTBEATS);

    /**
     * The dead-letter topic of a topic: records a consumer group could never handle, with the reason in the
     * {@code kafka_dlt-*} headers (docs/events.md "Dead letters").
     */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }

    private Topics() {
    }
}
