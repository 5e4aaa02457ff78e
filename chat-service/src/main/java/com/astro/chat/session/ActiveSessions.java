package com.astro.chat.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active sessions this instance has read, and the sessions it has seen end. A session is remembered only
 * while it is active and not known to have ended; the ended set is checked after a read, so a read that started
 * before an end and finishes after it is dropped instead of caching a session that is over.
 */
final class ActiveSessions {

    /** More active sessions than any instance holds at once; past it the cache starts over (a miss is one read). */
    private static final int MAX_ACTIVE = 100_000;

    private static final int REMEMBERED_ENDS = 100_000;

    private final Map<String, ChatSession> active = new ConcurrentHashMap<>();

    private final Set<String> ended = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_ENDS;
                }
            }));

    ChatSession get(String sessionId) {
        return active.get(sessionId);
    }

    void remember(ChatSession session) {
        if (!session.isActive() || ended.contains(session.id())) {
            return;
        }
        if (active.size() >= MAX_ACTIVE) {
            active.clear();
        }
        active.put(session.id(), session);
        // an end that arrived between the check above and the put
        if (ended.contains(session.id())) {
            active.remove(session.id());
        }
    }

    boolean hasEnded(String sessionId) {
        return ended.contains(sessionId);
    }

    void ended(String sessionId) {
        ended.add(sessionId);
        active.remove(sessionId);
    }
}
