package com.astro.socketio.spring;

import com.astro.socketio.server.SocketIoServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;

/**
 * In a reactive Boot application, declaring a {@link SocketIoServer} bean is enough: this mounts it at its
 * path. Declare your own {@code socketIoHandlerMapping} bean to take over.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(SocketIoServer.class)
public class SocketIoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "socketIoHandlerMapping")
    HandlerMapping socketIoHandlerMapping(SocketIoServer server) {
        return SocketIoEndpoint.handlerMapping(server);
    }
}
