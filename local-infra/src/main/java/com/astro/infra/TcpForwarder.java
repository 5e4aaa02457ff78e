package com.astro.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens on a fixed loopback port and pipes every connection to another port. The embedded Kafka
 * broker binds a port of its own choosing; this gives it the well-known {@code localhost:9092}
 * as a bootstrap address. Clients only bootstrap through it: the broker's metadata then sends them
 * to its real (advertised) address, so the forwarder carries next to no traffic. In front of a stoppable
 * embedded Mongo server it carries everything, and closing it is the server going away. Dev and tests only.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;

    private final int targetPort;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    private TcpForwarder(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static TcpForwarder start(int port, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            TcpForwarder forwarder = new TcpForwarder(server, targetPort);
            daemon("forward-accept-" + port, forwarder::acceptLoop).start();
            return forwarder;
        }
        catch (IOException ex) {
            throw new IllegalStateException("port " + port + " is taken: cannot forward it to port " + targetPort, ex);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                daemon("forward-in", () -> pipe(client, target)).start();
                daemon("forward-out", () -> pipe(target, client)).start();
            }
            catch (IOException ex) {
                if (!closed) {
                    // a refused target or a broken accept affects one connection; keep serving
                    continue;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException ignored) {
            // one side went away: closing both below ends the other direction too
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        }
        catch (IOException ignored) {
            // already closed
        }
        open.forEach(this::closeQuietly);
    }
}
