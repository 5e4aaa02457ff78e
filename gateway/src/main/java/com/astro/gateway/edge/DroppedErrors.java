package com.astro.gateway.edge;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Hooks;
import reactor.netty.channel.AbortedException;

/**
 * What Reactor drops after a proxied connection ended: the WebSocket proxy writes to a browser or an
 * instance that has just gone ("Broken pipe", "Connection reset by peer"). A closed connection is how
 * every socket ends, not an error: logged at debug. Anything else dropped is still logged as a warning.
 */
final class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

    private DroppedErrors() {
    }

    static void install() {
        Hooks.onErrorDropped(DroppedErrors::log);
    }

    static void log(Throwable error) {
        if (isClosedConnection(error)) {
            log.debug("dropped after the connection closed: {}", error.toString());
        }
        else {
            log.warn("error dropped by a finished stream", error);
        }
    }

    static boolean isClosedConnection(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException || cause instanceof AbortedException) {
                return true;
            }
        }
        return false;
    }
}
