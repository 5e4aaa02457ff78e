package com.astro.chat.message;

import java.time.Duration;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Creates the unique indexes the message rules rest on before the service takes any traffic. */
@Component
class MessageIndexes implements SmartInitializingSingleton {

    private final MessageStore store;

    MessageIndexes(MessageStore store) {
        this.store = store;
    }

    @Override
    public void afterSingletonsInstantiated() {
        store.ensureIndexes().block(Duration.ofSeconds(30));
    }
}
