package com.astro.chat.realtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.WebFilter;

import com.astro.chat.config.ChatInstance;
import com.astro.chat.config.ChatProperties;
import com.astro.socketio.engine.SessionLimits;
import com.astro.socketio.server.SocketIoOptions;
import com.astro.socketio.server.SocketIoServer;
import com.astro.socketio.spring.SocketIoEndpoint;

/**
 * The Socket.IO endpoint at {@code /socket.io/}. Its sids carry this instance's advertised address (the
 * gateway's routing contract); CORS stays with the gateway unless origins are configured; sessions are capped in
 * all and per client address.
 */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

    @Bean(destroyMethod = "close")
    SocketIoServer socketIoServer(ChatInstance instance, ChatProperties properties) {
        return new SocketIoServer(SocketIoOptions.defaults()
                .withAllowedOrigins(properties.allowedOrigins())
                .withSidPrefix(instance.sidPrefix())
                // behind the gateway every connection comes from it: the client's address is the one it appends
                .withSessionLimits(new SessionLimits(properties.maxConnections(), properties.maxConnectionsPerAddress(),
                        true)));
    }

    /** Named like the socketio module's auto-configured mapping, which then stands back: one mapping, ours. */
    @Bean
    HandlerMapping socketIoHandlerMapping(SocketIoServer socketIo) {
        return SocketIoEndpoint.handlerMapping(socketIo);
    }

    /**
     * Polls of established sessions skip Spring Security (the path is public: the sid is the credential) and the
     * mapping lookup; they still pass common's request id, access log and body limit (ordered before).
     */
    @Bean
    WebFilter socketIoDirectPolls(SocketIoServer socketIo) {
        return SocketIoEndpoint.directPolls(socketIo, Ordered.HIGHEST_PRECEDENCE + 3);
    }
}
