package com.astro.infra;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (in memory) in this JVM. Services reach it with the real
 * driver over TCP through an ordinary {@code mongodb://} connection string. Port 0 picks a free port.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;

    private final InetSocketAddress address;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    public static EmbeddedMongo start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongo(server, address);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
