package com.astro.chat.read;

/** {@code message:read} as the other participant receives it: {@code reader} has read everything up to {@code seq}. */
record ReadNotice(String sessionId, String reader, long seq) {
}
