package com.astro.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.astro.socketio.engine.EnginePacket;
import com.astro.socketio.engine.EngineSession;
import com.astro.socketio.protocol.Packet;
import com.astro.socketio.protocol.PacketCodec;
import com.astro.socketio.protocol.PacketFormatException;
import com.astro.socketio.protocol.PacketType;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * The Socket.IO side of one Engine.IO session: decodes packets (reassembling binary attachments), routes them to
 * the sockets of each namespace, and closes the connection on anything it cannot parse. Inbound packets of one
 * session arrive one at a time (one transport reads at a time), so the reassembly state needs no lock.
 */
final class Client {

    private static final Duration REFUSED_CLOSE_DELAY = Duration.ofSeconds(1);

    private final SocketIoServer server;
    private final EngineSession engine;
    private final PacketCodec codec;
    // one entry for almost every client: an immutable snapshot replaced under the client's lock (issue 23)
    private volatile Map<String, Socket> sockets = Map.of();
    // null once a namespace is connected or the transport closed
    private volatile Disposable connectTimer;
    // written by one inbound thread at a time; volatile because an upgrade moves reading to another thread
    private volatile Packet partial;
    private volatile List<byte[]> attachments;

    Client(SocketIoServer server, EngineSession engine) {
        this.server = server;
        this.engine = engine;
        this.codec = server.codec();
        engine.onMessage(this::receive);
        engine.onClose(this::transportClosed);
        // only a connected namespace keeps the session past the timeout: a CONNECT alone (refused, or never
        // answered) does not, so an unauthenticated session cannot live on by answering pings
        this.connectTimer = Schedulers.parallel().schedule(() -> {
            if (sockets.isEmpty()) {
                engine.close("connect timeout");
            }
        }, server.options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    String transport() {
        return engine.transportName();
    }

    void send(Packet packet) {
        sendFrames(frames(codec.encode(packet)));
    }

    /** Queues Engine.IO packets as they are: a broadcast passes the same instances (one encoding) to every client. */
    void sendFrames(List<EnginePacket> frames) {
        engine.sendAll(frames);
    }

    /** The Engine.IO packets of an encoded Socket.IO packet: its text, then one binary message per attachment. */
    static List<EnginePacket> frames(PacketCodec.Encoded encoded) {
        if (encoded.attachments().isEmpty()) {
            return List.of(EnginePacket.message(encoded.text()));
        }
        List<EnginePacket> packets = new ArrayList<>(encoded.attachments().size() + 1);
        packets.add(EnginePacket.message(encoded.text()));
        encoded.attachments().forEach(bytes -> packets.add(EnginePacket.binaryMessage(bytes)));
        return List.copyOf(packets);
    }

    void closeTransport() {
        engine.close("forced close");
    }

    synchronized void removed(Socket socket) {
        if (sockets.get(socket.namespace().name()) == socket) {
            Map<String, Socket> next = new HashMap<>(sockets);
            next.remove(socket.namespace().name());
            sockets = Map.copyOf(next);
        }
    }

    /** @return false when the namespace already has a socket on this client */
    private synchronized boolean add(Socket socket) {
        if (sockets.containsKey(socket.namespace().name())) {
            return false;
        }
        Map<String, Socket> next = new HashMap<>(sockets);
        next.put(socket.namespace().name(), socket);
        sockets = Map.copyOf(next);
        return true;
    }

    private void cancelConnectTimer() {
        Disposable timer = connectTimer;
        if (timer != null) {
            timer.dispose();
            connectTimer = null;
        }
    }

    private void receive(EnginePacket message) {
        try {
            if (message.isBinary()) {
                if (partial == null) {
                    throw new PacketFormatException("binary data outside a binary packet");
                }
                attachments.add(message.binary());
                if (attachments.size() == partial.attachments()) {
                    Packet complete = codec.reconstruct(partial, attachments);
                    partial = null;
                    attachments = null;
                    dispatch(complete);
                }
                return;
            }
            if (partial != null) {
                throw new PacketFormatException("text data while waiting for attachments");
            }
            Packet packet = codec.decode(message.text());
            if (packet.type().isBinary() && packet.attachments() > 0) {
                partial = packet;
                attachments = new ArrayList<>(packet.attachments());
                return;
            }
            dispatch(packet.type().isBinary() ? codec.reconstruct(packet, List.of()) : packet);
        }
        catch (PacketFormatException ex) {
            engine.close("parse error");
        }
    }

    private void dispatch(Packet packet) {
        switch (packet.type()) {
            case CONNECT -> connect(packet);
            case DISCONNECT -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.closed("client namespace disconnect");
                }
            }
            case EVENT, BINARY_EVENT -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.dispatchEvent(packet);
                }
            }
            case ACK, BINARY_ACK -> {
                Socket socket = sockets.get(packet.namespace());
                if (socket != null) {
                    socket.dispatchAck(packet);
                }
            }
            case CONNECT_ERROR -> throw new PacketFormatException("CONNECT_ERROR from a client");
        }
    }

    @SuppressWarnings("unchecked")
    private void connect(Packet packet) {
        Namespace namespace = server.existingNamespace(packet.namespace());
        if (namespace == null) {
            refuse(packet.namespace(), Map.of("message", "Invalid namespace"));
            return;
        }
        if (sockets.containsKey(namespace.name())) {
            return;
        }
        Map<String, Object> auth = packet.data() == null ? Map.of() : (Map<String, Object>) packet.data();
        var request = engine.handshake();
        Handshake handshake = new Handshake(auth, request.headers(), request.query(), request.remoteAddress());
        namespace.admit(handshake).subscribe(admission -> {
            if (engine.isClosed()) {
                return;
            }
            if (!admission.accepted()) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("message", admission.message());
                if (admission.data() != null) {
                    error.put("data", admission.data());
                }
                refuse(namespace.name(), error);
                return;
            }
            Socket socket = new Socket(namespace, this, handshake, admission.attributes());
            if (!add(socket)) {
                return;
            }
            cancelConnectTimer();
            send(Packet.of(PacketType.CONNECT, namespace.name(), null, Map.of("sid", socket.id())));
            namespace.added(socket);
            if (engine.isClosed()) {
                socket.closed("transport close");
            }
        });
    }

    /**
     * Answers CONNECT_ERROR and, unless another namespace is connected, closes the session shortly after: the
     * official client gives up the connection itself after a refusal, and one that does not may not keep retrying
     * on it. The delay lets a polling client fetch the error before the session is gone.
     */
    private void refuse(String namespace, Map<String, Object> error) {
        send(Packet.of(PacketType.CONNECT_ERROR, namespace, null, error));
        Schedulers.parallel().schedule(() -> {
            if (sockets.isEmpty()) {
                engine.close("connect refused");
            }
        }, REFUSED_CLOSE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void transportClosed(String reason) {
        cancelConnectTimer();
        for (Socket socket : List.copyOf(sockets.values())) {
            socket.closed(reason);
        }
    }
}
