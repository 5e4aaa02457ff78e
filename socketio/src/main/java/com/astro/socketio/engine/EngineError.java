package com.astro.socketio.engine;

import org.springframework.http.HttpStatus;

/** The error answers of the Engine.IO server, with the codes the reference implementation sends. */
enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", HttpStatus.BAD_REQUEST),
    UNKNOWN_SID(1, "Session ID unknown", HttpStatus.BAD_REQUEST),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", HttpStatus.BAD_REQUEST),
    BAD_REQUEST(3, "Bad request", HttpStatus.BAD_REQUEST),
    FORBIDDEN(4, "Forbidden", HttpStatus.FORBIDDEN),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", HttpStatus.BAD_REQUEST),
    PAYLOAD_TOO_LARGE(3, "Payload too large", HttpStatus.PAYLOAD_TOO_LARGE),
    // code 4 as the reference answers a handshake its allowRequest refuses
    TOO_MANY_SESSIONS_FROM_ADDRESS(4, "Too many sessions from this address", HttpStatus.TOO_MANY_REQUESTS),
    SERVER_FULL(4, "Server full", HttpStatus.SERVICE_UNAVAILABLE);

    final int code;
    final String message;
    final HttpStatus status;

    EngineError(int code, String message, HttpStatus status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    String body() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
