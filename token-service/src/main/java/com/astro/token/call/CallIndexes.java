package com.astro.token.call;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the read model's indexes at start-up, before requests are served (creation is idempotent). */
@Configuration(proxyBeanMethods = false)
class CallIndexes {

    @Bean
    ApplicationRunner callSessionIndexes(CallSessionStore store) {
        return args -> store.ensureIndexes().block();
    }
}
