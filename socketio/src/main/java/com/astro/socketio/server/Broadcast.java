package com.astro.socketio.server;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.astro.socketio.engine.EnginePacket;
import com.astro.socketio.protocol.Packet;
import com.astro.socketio.protocol.PacketType;

/**
 * An emit to many sockets of a namespace: every socket, or the members of some rooms, minus the members of
 * excluded rooms. The packet is encoded once (the same bytes go out on every WebSocket and in every polling
 * response) and queued on each target connection without waiting for any.
 * Immutable: {@link #to} and {@link #except} return new instances.
 */
public final class Broadcast {

    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> excluded;

    Broadcast(Namespace namespace, Set<String> rooms, Set<String> excluded) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.excluded = Set.copyOf(excluded);
    }

    public Broadcast to(String room) {
        Set<String> next = new HashSet<>(rooms);
        next.add(room);
        return new Broadcast(namespace, next, excluded);
    }

    /** Leaves out the members of this room (a socket id excludes that socket). */
    public Broadcast except(String room) {
        Set<String> next = new HashSet<>(excluded);
        next.add(room);
        return new Broadcast(namespace, rooms, next);
    }

    public void emit(String event, Object... args) {
        Object[] data = new Object[args.length + 1];
        data[0] = event;
        System.arraycopy(args, 0, data, 1, args.length);
        // encoded once, to Socket.IO text and then to Engine.IO bytes, for every target socket and transport
        List<EnginePacket> frames = Client.frames(namespace.codec().encode(
                Packet.of(PacketType.EVENT, namespace.name(), null, Arrays.asList(data))));
        for (Socket socket : sockets()) {
            socket.sendFrames(frames);
        }
    }

    /** The sockets this broadcast reaches now (on this instance). */
    public Collection<Socket> sockets() {
        Collection<Socket> targets;
        if (rooms.isEmpty()) {
            targets = namespace.sockets();
        }
        else if (rooms.size() == 1) {
            targets = namespace.rooms().members(rooms.iterator().next());
        }
        else {
            Set<Socket> union = new LinkedHashSet<>();
            rooms.forEach(room -> union.addAll(namespace.rooms().members(room)));
            targets = union;
        }
        if (excluded.isEmpty()) {
            return targets;
        }
        Set<Socket> left = new LinkedHashSet<>(targets);
        excluded.forEach(room -> left.removeAll(namespace.rooms().members(room)));
        return left;
    }
}
