package com.astro.chat.realtime;

/** Sends server events to the sockets this instance holds. */
interface Notifier {

    /** To every socket of one user on this instance (the per-user room). */
    void toUser(String userId, String event, Object payload);

    /** Whether any socket of the user is connected to this instance (only then is there anyone here to tell). */
    boolean holdsUser(String userId);

    /** Takes every socket here out of the session's room (the room has closed). */
    void leaveSessionRoom(String sessionId);
}
