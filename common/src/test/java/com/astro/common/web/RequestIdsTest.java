package com.astro.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class RequestIdsTest {

    private final AtomicReference<ServerWebExchange> seen = new AtomicReference<>();

    private ServerWebExchange filter(RequestIds ids, MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        ids.filter(exchange, next -> {
            seen.set(next);
            return Mono.empty();
        }).block();
        return exchange;
    }

    @Test
    void theGatewayPutsANewIdInTheRequestItForwards() {
        ServerWebExchange exchange = filter(new RequestIds(true), MockServerHttpRequest.get("/api/x"));

        String id = exchange.getAttribute(RequestIds.ATTRIBUTE);
        assertThat(seen.get().getRequest().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo(id).isNotBlank();
    }

    @Test
    void aServiceKeepsTheRequestAsItCameAndTheIdAsAnAttributeAndResponseHeader() {
        ServerWebExchange exchange = filter(new RequestIds(false), MockServerHttpRequest.get("/socket.io/"));

        assertThat(seen.get()).isSameAs(exchange);
        String id = exchange.getAttribute(RequestIds.ATTRIBUTE);
        assertThat(id).isNotBlank();
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo(id);
    }

    @Test
    void aSaneIncomingIdIsKeptAndAnInsaneOneReplaced() {
        filter(new RequestIds(true), MockServerHttpRequest.get("/").header(RequestIds.HEADER, "req-7"));
        assertThat(seen.get().getRequest().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("req-7");

        filter(new RequestIds(true), MockServerHttpRequest.get("/").header(RequestIds.HEADER, "bad id\n"));
        assertThat(seen.get().getRequest().getHeaders().getFirst(RequestIds.HEADER)).isNotEqualTo("bad id\n")
                .matches("[0-9a-f-]{36}");
    }
}
