package com.astro.chat.realtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;

import com.astro.chat.config.ChatInstance;
import com.astro.chat.config.ChatProperties;
import com.astro.socketio.server.SocketIoOptions;
import com.astro.socketio.server.SocketIoServer;
import com.astro.socketio.spring.SocketIoEndpoint;

/**
 * The Socket.IO endpoint at {@code /socket.io/}. Its sids carry this instance's advertised address (the
 * gateway's routing contract), and browsers of the configured origins may use the polling transport directly.
 */
@Configuration(proxyBeanMethods = false)
public class RealtimeConfiguration {

    @Bean(destroyMethod = "close")
    SocketIoServer socketIoServer(ChatInstance instance, ChatProperties properties) {
        return new SocketIoServer(SocketIoOptions.defaults()
                .withAllowedOrigins(properties.allowedOrigins())
                .withSidPrefix(instance.sidPrefix()));
    }

    @Bean
    HandlerMapping socketIoEndpoint(SocketIoServer socketIo) {
        return SocketIoEndpoint.handlerMapping(socketIo);
    }
}
