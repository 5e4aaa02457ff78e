package com.astro.socketio.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/** Polls of established sessions go straight to the engine; the filters after this one never see them. */
class DirectPollsTest {

    private final List<String> seen = new ArrayList<>();

    private final DirectPolls filter = new DirectPolls("/socket.io/", exchange -> {
        seen.add("engine");
        return Mono.empty();
    }, 0);

    private final WebFilterChain chain = exchange -> {
        seen.add("chain");
        return Mono.empty();
    };

    private void send(MockServerHttpRequest.BaseBuilder<?> request) {
        filter.filter(MockServerWebExchange.from(request), chain).block();
    }

    @Test
    void aGetOrPostOfAnEstablishedPollingSessionGoesStraightToTheEngine() {
        send(MockServerHttpRequest.get("/socket.io/?EIO=4&transport=polling&sid=abc"));
        send(MockServerHttpRequest.post("/socket.io/?EIO=4&transport=polling&sid=abc"));

        assertThat(seen).containsExactly("engine", "engine");
    }

    @Test
    void aHandshakeGoesDownTheFilterChain() {
        send(MockServerHttpRequest.get("/socket.io/?EIO=4&transport=polling"));

        assertThat(seen).containsExactly("chain");
    }

    @Test
    void aWebSocketUpgradeGoesDownTheFilterChain() {
        send(MockServerHttpRequest.get("/socket.io/?EIO=4&transport=websocket&sid=abc").header("Upgrade", "websocket"));
        send(MockServerHttpRequest.get("/socket.io/?EIO=4&transport=polling&sid=abc").header("Upgrade", "websocket"));

        assertThat(seen).containsExactly("chain", "chain");
    }

    @Test
    void otherPathsAndMethodsGoDownTheFilterChain() {
        send(MockServerHttpRequest.get("/api/chat/history?transport=polling&sid=abc"));
        send(MockServerHttpRequest.options("/socket.io/?EIO=4&transport=polling&sid=abc"));

        assertThat(seen).containsExactly("chain", "chain");
    }
}
