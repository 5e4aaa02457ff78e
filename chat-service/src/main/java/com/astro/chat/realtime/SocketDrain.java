package com.astro.chat.realtime;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.astro.socketio.server.SocketIoServer;

/**
 * On shutdown, closes every Socket.IO connection first, before the web server's graceful shutdown (which would
 * otherwise wait on held long-polling requests) and while Kafka still runs: clients reconnect to another
 * instance at once, and presence-service hears each connection close rather than waiting for missed heartbeats.
 */
@Component
class SocketDrain implements SmartLifecycle {

    private final SocketIoServer server;

    private volatile boolean running;

    SocketDrain(SocketIoServer server) {
        this.server = server;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        server.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the Kafka listener containers (MAX_VALUE - 100) and the web server's graceful shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
