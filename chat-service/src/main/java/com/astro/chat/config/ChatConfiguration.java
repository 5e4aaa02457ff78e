package com.astro.chat.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * This instance's identity. (The Clock and the Kafka retry-then-skip error handler come from common's
 * auto-configuration; scheduling is enabled for the heartbeat's task scheduler.)
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ChatConfiguration {

    /**
     * The server port is read from configuration rather than from the running server because the Socket.IO sid
     * prefix must be known before the server starts; deployments set CHAT_ADVERTISED_ADDRESS anyway.
     */
    @Bean
    ChatInstance chatInstance(ChatProperties properties, @Value("${server.port:8083}") int serverPort) {
        return ChatInstance.of(properties, serverPort);
    }
}
