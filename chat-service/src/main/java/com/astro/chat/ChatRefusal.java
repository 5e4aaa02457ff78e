package com.astro.chat;

/**
 * A request the service refuses, with a stable machine-readable {@code code} (sent to Socket.IO clients in
 * {@code message:error} and error acknowledgements) and a message for people.
 */
public class ChatRefusal extends RuntimeException {

    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String SESSION_NOT_FOUND = "session_not_found";
    public static final String SESSION_NOT_ACTIVE = "session_not_active";
    public static final String SESSION_NOT_PENDING = "session_not_pending";
    public static final String EMPTY_TEXT = "empty_text";
    public static final String TEXT_TOO_LONG = "text_too_long";
    public static final String FORBIDDEN = "forbidden";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String PRESENCE_FAILED = "presence_failed";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String TOO_MANY_REQUESTS = "too_many_requests";
    public static final String BUSY = "busy";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String SEQ_NOT_FOUND = "seq_not_found";

    private final String code;

    public ChatRefusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
