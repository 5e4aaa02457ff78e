package com.astro.socketio.spring;

import java.util.Map;

import com.astro.socketio.server.SocketIoServer;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * Mounts a {@link SocketIoServer} in a Spring WebFlux application. Boot applications get this mapping from
 * {@link SocketIoAutoConfiguration} as soon as a {@code SocketIoServer} bean exists; without auto-configuration,
 * declare the returned mapping as a bean:
 * <pre>{@code
 * @Bean(destroyMethod = "close")
 * SocketIoServer socketIo() { ... }
 *
 * @Bean
 * HandlerMapping socketIoEndpoint(SocketIoServer socketIo) {
 *     return SocketIoEndpoint.handlerMapping(socketIo);
 * }
 * }</pre>
 * The mapping is ordered before annotated controllers so {@code /socket.io/} never reaches them.
 */
public final class SocketIoEndpoint {

    private SocketIoEndpoint() {
    }

    public static HandlerMapping handlerMapping(SocketIoServer server) {
        String path = server.options().path();
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
                Map.of(path, server.webHandler(), path.substring(0, path.length() - 1), server.webHandler()));
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return mapping;
    }

    /**
     * A web filter, at {@code order}, that serves the requests of established long-polling sessions itself instead
     * of passing them down the filter chain to {@link #handlerMapping}: the filters ordered after it never see them.
     * Opt-in: order it after whatever every request must still pass (request ids, access logs).
     */
    public static WebFilter directPolls(SocketIoServer server, int order) {
        return new DirectPolls(server.options().path(), server.webHandler(), order);
    }
}
