package com.astro.socketio.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room membership of one namespace: concurrent sets per room, created on first join and dropped when empty.
 * Each update is atomic per room; there is no global lock on join, leave or broadcast.
 */
final class Rooms {

    private final Map<String, Set<Socket>> members = new ConcurrentHashMap<>();

    void add(String room, Socket socket) {
        members.compute(room, (name, set) -> {
            Set<Socket> target = set == null ? ConcurrentHashMap.newKeySet() : set;
            target.add(socket);
            return target;
        });
    }

    void remove(String room, Socket socket) {
        members.computeIfPresent(room, (name, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    Set<Socket> members(String room) {
        Set<Socket> set = members.get(room);
        return set == null ? Set.of() : set;
    }

    Set<String> names() {
        return members.keySet();
    }
}
