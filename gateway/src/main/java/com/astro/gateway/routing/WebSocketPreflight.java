package com.astro.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import java.time.Duration;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * Opens (and closes) a TCP connection to the chosen instance before a WebSocket upgrade is proxied.
 * The proxy answers the browser's upgrade before it connects to the instance, so a dead instance would
 * otherwise cost the client a 101 and then a closed socket; refused here, nothing has been answered
 * yet: the load balancer marks the instance and the route's retry takes another one.
 */
final class WebSocketPreflight implements GlobalFilter, Ordered {

    private final Duration connectTimeout;

    WebSocketPreflight(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (target == null || !"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())
                || target.getHost() == null) {
            return chain.filter(exchange);
        }
        int port = target.getPort() > 0 ? target.getPort() : 80;
        return TcpClient.create()
                .host(target.getHost())
                .port(port)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .connect()
                .doOnNext(Connection::dispose)
                .then(Mono.defer(() -> chain.filter(exchange)).subscribeOn(loopOf(exchange)));
    }

    /**
     * The loop of the browser's connection: the upgrade must continue there, not on the loop that made the
     * preflight connection (answering the upgrade from that loop left some upgrades hanging).
     */
    private static Scheduler loopOf(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return nativeRequest instanceof Connection connection ? Schedulers.fromExecutor(connection.channel().eventLoop())
                : Schedulers.immediate();
    }

    /** After the load balancer chose the instance (10150), before the WebSocket proxy. */
    @Override
    public int getOrder() {
        return 10160;
    }
}
