package com.astro.chat.history;

import java.util.List;

import com.astro.chat.message.MessageView;
import com.astro.chat.read.ReadMark;

/**
 * One page of a session's messages, always oldest first. {@code hasMore} tells whether more messages lie
 * beyond the page in the direction it was read (newer for {@code afterSeq}, older otherwise). {@code reads}: each
 * participant's read position, the user's first.
 */
record HistoryPage(String sessionId, List<MessageView> messages, boolean hasMore, List<ReadMark> reads) {
}
