package com.astro.common.web;

import java.io.IOException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Hooks;

/**
 * What Reactor does with an error that arrives after its subscriber is gone (by default: an ERROR line with the
 * stack trace). A client that closed its connection while the response was being written is the common case, at
 * every normal disconnect ("Broken pipe", "Connection reset by peer"): not an error of ours, logged at debug.
 * Anything else is still logged as an error.
 */
public final class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

    /** Exceptions Reactor Netty raises for a connection the peer closed, by name (they are internal classes). */
    private static final Set<String> CLOSED_BY_PEER = Set.of("reactor.netty.channel.AbortedException",
            "reactor.netty.http.client.PrematureCloseException");

    private static volatile boolean installed;

    private DroppedErrors() {
    }

    /** Idempotent; the web auto-configuration calls it once per JVM. */
    public static synchronized void install() {
        if (!installed) {
            Hooks.onErrorDropped(DroppedErrors::dropped);
            installed = true;
        }
    }

    static void dropped(Throwable error) {
        if (closedByPeer(error)) {
            log.debug("a client closed its connection before the response was written: {}", error.toString());
        }
        else {
            log.error("an error arrived after its subscriber was gone", error);
        }
    }

    static boolean closedByPeer(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (CLOSED_BY_PEER.contains(cause.getClass().getName())) {
                return true;
            }
            String message = cause.getMessage();
            if (cause instanceof IOException && message != null
                    && (message.contains("Broken pipe") || message.contains("Connection reset by peer"))) {
                return true;
            }
        }
        return false;
    }
}
