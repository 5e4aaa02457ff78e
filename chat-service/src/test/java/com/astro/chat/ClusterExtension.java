package com.astro.chat;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the shared {@link ChatCluster} in JUnit's root store, so JUnit closes it when the whole run ends, while
 * the embedded broker still runs. Left to JVM shutdown hooks, the instances' Kafka consumers would race the
 * broker's own shutdown and wait out their close timeouts.
 */
class ClusterExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(ChatCluster.class, type -> ChatCluster.shared(), ChatCluster.class);
    }
}
