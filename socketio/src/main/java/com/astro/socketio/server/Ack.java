package com.astro.socketio.server;

/** The acknowledgement callback of a received event; sending when none was requested does nothing. */
public interface Ack {

    /** Whether the client asked for an acknowledgement (emitted with a callback). */
    boolean requested();

    /** Acknowledges with these arguments; only the first call counts. */
    void send(Object... args);
}
