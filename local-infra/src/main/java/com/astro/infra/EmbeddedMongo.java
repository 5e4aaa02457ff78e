package com.astro.infra;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB wire-protocol server (in memory) in this JVM. Services reach it with the real
 * driver over TCP through an ordinary {@code mongodb://} connection string. Port 0 picks a free port. A query by
 * {@code _id} and more reads one document, as on MongoDB ({@link IdLookupBackend}).
 * <p>
 * {@link #startStoppable} puts the server behind a forwarding port that fault tests can close and open again:
 * while it is closed every connection is cut and new ones are refused, as when a Mongo server is stopped, and
 * the data is there again when it is started (as on a real server's disk). The plain server has no such hop.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;

    private final int port;

    /** The stoppable server's front port; null for the plain one. */
    private volatile TcpForwarder front;

    private final boolean stoppable;

    private EmbeddedMongo(MongoServer server, int port, TcpForwarder front) {
        this.server = server;
        this.port = port;
        this.front = front;
        this.stoppable = front != null;
    }

    public static EmbeddedMongo start(int port) {
        MongoServer server = new MongoServer(new IdLookupBackend());
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(server, server.getLocalAddress().getPort(), null);
    }

    /** A server behind a front port ({@code port}, or a free one for 0) that {@link #stop} and {@link #restart} close and open. */
    public static EmbeddedMongo startStoppable(int port) {
        MongoServer server = new MongoServer(new IdLookupBackend());
        server.bind("127.0.0.1", 0);
        TcpForwarder front = TcpForwarder.start(port, server.getLocalAddress().getPort());
        return new EmbeddedMongo(server, front.port(), front);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Cuts every connection and refuses new ones until {@link #restart}; the data stays. */
    public synchronized void stop() {
        requireStoppable();
        if (front != null) {
            front.close();
            front = null;
        }
    }

    /** Accepts connections again on the same port, with the data from before {@link #stop}. */
    public synchronized void restart() {
        requireStoppable();
        if (front == null) {
            front = TcpForwarder.start(port, server.getLocalAddress().getPort());
        }
    }

    private void requireStoppable() {
        if (!stoppable) {
            throw new IllegalStateException("only a server from startStoppable can be stopped and restarted");
        }
    }

    @Override
    public synchronized void close() {
        if (front != null) {
            front.close();
        }
        server.shutdownNow();
    }
}
