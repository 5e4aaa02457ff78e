package com.astro.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The short way of established polls: they reach their chat instance without going down the gateway's filter chain
 * (security, routes, gateway filters), which cost more per poll than chat's own work; everything else does go down.
 */
class PollingProxyTest {

    private final AtomicInteger backendRequests = new AtomicInteger();

    private final DisposableServer chatInstance = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> {
                backendRequests.incrementAndGet();
                return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(body -> response.header("Content-Type", "text/plain; charset=UTF-8")
                                .header("Access-Control-Allow-Origin", "*")
                                .sendString(Mono.just(request.method().name() + " " + request.uri() + " [" + body + "] "
                                        + request.requestHeaders().get("X-Request-Id")))
                                .then());
            })
            .bindNow();

    private final String authority = "127.0.0.1:" + chatInstance.port();

    private final PollingProxy proxy = new PollingProxy(
            new ServiceInstances("chat-service", List.of("http://" + authority)), HttpClient.create(),
            RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST, 1024, Duration.ofSeconds(5));

    private final AtomicInteger chainCalls = new AtomicInteger();

    private final WebFilterChain chain = exchange -> {
        chainCalls.incrementAndGet();
        return Mono.empty();
    };

    @AfterEach
    void stop() {
        chatInstance.disposeNow();
    }

    private String sid() {
        return EngineIoSid.prefixOf(authority) + ".r4nd0m";
    }

    @Test
    void anEstablishedPollGoesStraightToTheInstanceItsSidNames() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("/socket.io/?EIO=4&transport=polling&sid=" + sid()).header("X-Request-Id", "req-9"));

        proxy.filter(exchange, chain).block(Duration.ofSeconds(5));

        assertThat(chainCalls).hasValue(0);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("GET /socket.io/?EIO=4&transport=polling&sid=" + sid() + " [] req-9");
        assertThat(exchange.getResponse().getHeaders().getFirst("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void aPostOfAnEstablishedSessionIsForwardedWithItsBody() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .post("/socket.io/?EIO=4&transport=polling&sid=" + sid()).contentLength(9).body("42[\"hi\"]3"));

        proxy.filter(exchange, chain).block(Duration.ofSeconds(5));

        assertThat(chainCalls).hasValue(0);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("POST ", "[42[\"hi\"]3]");
    }

    @Test
    void theInstancesCorsHeadersNeverReachTheBrowser() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("/socket.io/?EIO=4&transport=polling&sid=" + sid()));

        proxy.filter(exchange, chain).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getHeaders().containsHeader("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void aHandshakeTakesTheNormalRoute() {
        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/socket.io/?EIO=4&transport=polling")), chain)
                .block(Duration.ofSeconds(5));

        assertThat(chainCalls).hasValue(1);
        assertThat(backendRequests).hasValue(0);
    }

    @Test
    void aSidNamingNoChatInstanceTakesTheNormalRouteWhichRefusesIt() {
        String foreign = EngineIoSid.prefixOf("169.254.169.254:80") + ".r4nd0m";
        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest
                .get("/socket.io/?EIO=4&transport=polling&sid=" + foreign)), chain).block(Duration.ofSeconds(5));

        assertThat(chainCalls).hasValue(1);
        assertThat(backendRequests).hasValue(0);
    }

    @Test
    void aBodyOverTheLimitOrOfUnknownLengthTakesTheNormalRouteWhichRefusesIt() {
        String path = "/socket.io/?EIO=4&transport=polling&sid=" + sid();
        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest.post(path).contentLength(2048).body("x".repeat(2048))), chain)
                .block(Duration.ofSeconds(5));
        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest.post(path).body("3")), chain).block(Duration.ofSeconds(5));

        assertThat(chainCalls).hasValue(2);
        assertThat(backendRequests).hasValue(0);
    }

    @Test
    void webSocketUpgradesAndOtherPathsTakeTheNormalRoute() {
        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/socket.io/?EIO=4&transport=websocket&sid=" + sid())
                .header("Upgrade", "websocket")), chain).block(Duration.ofSeconds(5));
        proxy.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/api/chat/history?transport=polling&sid=" + sid())), chain)
                .block(Duration.ofSeconds(5));

        assertThat(chainCalls).hasValue(2);
        assertThat(backendRequests).hasValue(0);
    }
}
