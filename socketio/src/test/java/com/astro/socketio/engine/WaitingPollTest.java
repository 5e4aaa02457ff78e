package com.astro.socketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import com.astro.socketio.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long-polling GET parked on the server is completed by the packet queued for it, whatever thread queues it
 * (in chat-service: a Kafka consumer or producer thread), and its response is written on the HTTP connection's
 * own event loop: the queuing thread only hands the packets over. Heartbeats are a minute apart here, so nothing
 * but the queued packet can end the GET.
 */
class WaitingPollTest {

    private final Map<String, String> committedOn = new ConcurrentHashMap<>();

    private final EngineServer engine = new EngineServer(new EngineOptions(Duration.ofSeconds(60), Duration.ofSeconds(60),
            100_000, List.of(), "i1", 64), session -> { });

    // records the thread that commits each response, where an application's commit hooks (access log...) run
    private final WebFilter commitThreads = (exchange, chain) -> {
        exchange.getResponse().beforeCommit(() -> {
            committedOn.put(exchange.getRequest().getURI().getQuery() + " " + exchange.getRequest().getMethod(),
                    Thread.currentThread().getName());
            return Mono.empty();
        });
        return chain.filter(exchange);
    };

    private final DisposableServer http = HttpServer.create().port(0)
            .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(engine.webHandler())
                    .filter(commitThreads).build()))
            .bindNow();

    private final String base = "http://localhost:" + http.port() + "/engine.io/";

    private final String url = base + "?EIO=4&transport=polling";

    @AfterEach
    void stop() {
        engine.closeAll();
        http.disposeNow();
    }

    @Test
    void aPacketQueuedFromAnotherThreadCompletesTheWaitingGetWhichIsWrittenOnItsConnectionsLoop() throws Exception {
        String sid = Http.openPolling(base);
        EngineSession session = engine.find(sid);
        CompletableFuture<HttpResponse<String>> waiting = Http.getAsync(url + "&sid=" + sid);
        await().atMost(Duration.ofSeconds(10)).until(session::hasWaitingPoll);

        Thread emitter = new Thread(() -> session.send(EnginePacket.message("2[\"news\"]")), "kafka-like-emitter");
        emitter.start();
        emitter.join();

        HttpResponse<String> response = waiting.get();
        assertThat(response.body()).isEqualTo("42[\"news\"]");
        assertThat(committedOn.get("EIO=4&transport=polling&sid=" + sid + " GET"))
                .startsWith("reactor-http-")
                .isNotEqualTo("kafka-like-emitter");
    }

    @Test
    void packetsQueuedWhileNoGetWaitsAreAnsweredAtOnceByTheNextGet() {
        String sid = Http.openPolling(base);
        EngineSession session = engine.find(sid);

        session.sendAll(List.of(EnginePacket.message("2[\"a\"]"), EnginePacket.message("2[\"b\"]")));

        assertThat(Http.get(url + "&sid=" + sid).body()).isEqualTo("42[\"a\"]\u001e42[\"b\"]");
    }
}
