package com.astro.chat.read;

import java.util.List;

/** The caller's unread counts in the sessions of a list, in the order asked for; sessions not the caller's left out. */
record UnreadCounts(List<UnreadCount> sessions) {
}
