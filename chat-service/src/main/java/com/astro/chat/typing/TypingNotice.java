package com.astro.chat.typing;

/** {@code typing:start} and {@code typing:stop} as the other participant receives them: who types in which session. */
record TypingNotice(String sessionId, String userId) {
}
