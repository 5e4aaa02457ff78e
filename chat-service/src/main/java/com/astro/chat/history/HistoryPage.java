package com.astro.chat.history;

import java.util.List;

import com.astro.chat.message.MessageView;

/**
 * One page of a session's messages, always oldest first. {@code hasMore} tells whether more messages lie
 * beyond the page in the direction it was read (newer for {@code afterSeq}, older otherwise).
 */
public record HistoryPage(String sessionId, List<MessageView> messages, boolean hasMore) {
}
