package com.astro.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for stacks started by tests next to whatever else runs on the machine (a dev stack, other builds). */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A free port below the kernel's ephemeral range (32768 and up): a port taken from that range
     * and released can be handed to an outgoing connection before the child binds it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            }
            catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32000");
    }
}
