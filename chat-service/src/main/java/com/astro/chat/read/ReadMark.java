package com.astro.chat.read;

/** One participant's read position in a session: every message up to {@code seq} is read (0: none yet). */
public record ReadMark(String userId, long seq) {
}
