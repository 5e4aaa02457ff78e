package com.astro.presence.connection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The realtime connections one astrologer holds, on any chat instance, in one document so that every
 * change to the set is a single atomic write ({@code rev} guards read-modify-write). {@code closed} remembers
 * the most recent closed connections so that a heartbeat snapshot taken just before a close cannot bring a
 * closed connection back.
 */
@Document(AstrologerConnections.COLLECTION)
record AstrologerConnections(@Id String id, List<Live> connections, List<Closed> closed, long rev) {

    static final String COLLECTION = "astrologer_connections";

    static final int CLOSED_KEPT = 50;

    /** A live connection; {@code openedAt} is the chat instance's time. */
    record Live(String instanceId, String connectionId, Instant openedAt) {

        boolean is(String instance, String connection) {
            return instanceId.equals(instance) && connectionId.equals(connection);
        }
    }

    /** A connection known to be closed; connection ids are never reused, so it never comes back. */
    record Closed(String instanceId, String connectionId, Instant closedAt) {
    }

    public AstrologerConnections {
        connections = connections == null ? List.of() : List.copyOf(connections);
        closed = closed == null ? List.of() : List.copyOf(closed);
    }

    static AstrologerConnections none(String astrologerId) {
        return new AstrologerConnections(astrologerId, List.of(), List.of(), 0);
    }

    boolean isEmpty() {
        return connections.isEmpty();
    }

    AstrologerConnections opened(String instanceId, String connectionId, Instant at) {
        if (isClosed(instanceId, connectionId) || connections.stream().anyMatch(c -> c.is(instanceId, connectionId))) {
            return this;
        }
        List<Live> live = new ArrayList<>(connections);
        live.add(new Live(instanceId, connectionId, at));
        return new AstrologerConnections(id, live, closed, rev);
    }

    AstrologerConnections closed(String instanceId, String connectionId, Instant at) {
        if (isClosed(instanceId, connectionId)) {
            return this;
        }
        List<Closed> tombstones = new ArrayList<>(closed);
        tombstones.add(new Closed(instanceId, connectionId, at));
        if (tombstones.size() > CLOSED_KEPT) {
            tombstones = tombstones.subList(tombstones.size() - CLOSED_KEPT, tombstones.size());
        }
        return new AstrologerConnections(id, without(c -> c.is(instanceId, connectionId)), tombstones, rev);
    }

    /**
     * The instance's connections become those of its heartbeat, except that a connection opened after the
     * snapshot was taken is kept and a connection already closed is not brought back.
     */
    AstrologerConnections reported(String instanceId, Set<String> connectionIds, Instant snapshotAt) {
        List<Live> live = new ArrayList<>(without(c -> c.instanceId().equals(instanceId)
                && !connectionIds.contains(c.connectionId()) && c.openedAt().isBefore(snapshotAt)));
        for (String connectionId : connectionIds) {
            if (!isClosed(instanceId, connectionId) && live.stream().noneMatch(c -> c.is(instanceId, connectionId))) {
                live.add(new Live(instanceId, connectionId, snapshotAt));
            }
        }
        return new AstrologerConnections(id, live, closed, rev);
    }

    /** Every connection on a dead instance is gone. */
    AstrologerConnections lost(String instanceId) {
        return new AstrologerConnections(id, without(c -> c.instanceId().equals(instanceId)), closed, rev);
    }

    boolean sameConnectionsAs(AstrologerConnections other) {
        return connections.equals(other.connections) && closed.equals(other.closed);
    }

    private boolean isClosed(String instanceId, String connectionId) {
        return closed.stream().anyMatch(c -> c.instanceId().equals(instanceId) && c.connectionId().equals(connectionId));
    }

    private List<Live> without(Predicate<Live> gone) {
        return connections.stream().filter(gone.negate()).toList();
    }
}
