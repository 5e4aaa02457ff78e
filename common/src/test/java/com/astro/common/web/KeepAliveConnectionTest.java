package com.astro.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP server every service and the gateway run on (Reactor Netty), used the way browsers and Node's fetch use a
 * keep-alive connection: the next request goes out as soon as the last answer is in. Reactor Netty 1.3.6 and 1.3.7
 * stopped reading such a connection after a request with a body was answered at once without its body being read,
 * as the gateway's rate limit (429), the security chains (401) and the body limit (413) answer: the next request then
 * waited until the client gave up. The failover end-to-end test met it as a call unanswered for 10 s, seconds after
 * the kill. This pins the version in the root pom: on 1.3.6 the connection stalled within 14 to 209 requests.
 */
class KeepAliveConnectionTest {

    private static final int REQUESTS = 3_000;

    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> {
                if (request.uri().equals("/refused")) {
                    return response.status(429).sendString(Mono.just("slow down"));
                }
                // reads the body and answers from another thread, as a handler that calls a store does
                return request.receive().aggregate().asString().defaultIfEmpty("")
                        .publishOn(Schedulers.parallel())
                        .flatMap(body -> response.sendString(Mono.just("read " + body.length())).then());
            })
            .bindNow(Duration.ofSeconds(10));

    @AfterEach
    void stopServer() {
        server.disposeNow();
    }

    @Test
    void aRequestAnsweredBeforeItsBodyIsReadDoesNotStallTheNextOneOnTheConnection() throws IOException {
        int answered = 0;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < REQUESTS; i++) {
                boolean refused = i % 3 == 1;
                out.write(post(refused ? "/refused" : "/read").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readStatus(in)).as("answer %d", i).isEqualTo(refused ? 429 : 200);
                answered++;
            }
        }
        catch (IOException ex) {
            throw new AssertionError("the connection stalled after " + answered + " answers", ex);
        }
        assertThat(answered).isEqualTo(REQUESTS);
    }

    private static String post(String path) {
        String body = "{\"coins\":1}";
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
    }

    /** Reads one whole answer (headers and a Content-Length body) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            head.append((char) c);
        }
        String[] lines = head.toString().split("\r\n");
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(lines[0].split(" ")[1]);
    }
}
