package com.astro.socketio.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room membership of one namespace, created on first join and dropped when empty. Each update is atomic per room;
 * there is no global lock on join, leave or broadcast. A room of one member (every socket's own room, most user
 * rooms) holds the socket itself; a concurrent set is made only when a second member joins, so an idle socket
 * does not pay for a set per room it is alone in (issue 23).
 */
final class Rooms {

    // a room's value is its only Socket, or the Set<Socket> of two or more members
    private final Map<String, Object> members = new ConcurrentHashMap<>();

    void add(String room, Socket socket) {
        members.compute(room, (name, current) -> {
            if (current == null || current == socket) {
                return socket;
            }
            Set<Socket> set = current instanceof Socket only ? setOf(only) : members(current);
            set.add(socket);
            return set;
        });
    }

    void remove(String room, Socket socket) {
        members.computeIfPresent(room, (name, current) -> {
            if (current instanceof Socket) {
                return current == socket ? null : current;
            }
            Set<Socket> set = members(current);
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    Set<Socket> members(String room) {
        Object current = members.get(room);
        if (current == null) {
            return Set.of();
        }
        return current instanceof Socket only ? Set.of(only) : members(current);
    }

    Set<String> names() {
        return members.keySet();
    }

    private static Set<Socket> setOf(Socket socket) {
        Set<Socket> set = ConcurrentHashMap.newKeySet();
        set.add(socket);
        return set;
    }

    @SuppressWarnings("unchecked")
    private static Set<Socket> members(Object set) {
        return (Set<Socket>) set;
    }
}
