package com.astro.chat.read;

/**
 * The caller's unread messages in a session: those the other participant sent after the caller's read position
 * {@code readSeq}; {@code lastSeq} is the session's newest message.
 */
record UnreadCount(String sessionId, long unread, long readSeq, long lastSeq) {
}
