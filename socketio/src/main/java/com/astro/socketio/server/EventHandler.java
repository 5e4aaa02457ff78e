package com.astro.socketio.server;

import java.util.List;

/**
 * Handles one received event. Runs on a network thread: never block; hand blocking or slow work to a
 * reactive chain and acknowledge when it completes.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(List<Object> args, Ack ack);
}
