package com.astro.chat;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ApiDocsContract;

/** The history API's document, served by a chat instance of the shared cluster (no socket clients needed). */
@ExtendWith(ClusterExtension.class)
class ApiDocsTest implements ApiDocsContract {

    private final ChatCluster cluster = ChatCluster.shared();

    @Override
    public ApplicationContext application() {
        return cluster.a().context();
    }

    @Override
    public WebTestClient web() {
        return WebTestClient.bindToServer().baseUrl(cluster.a().url()).build();
    }

    @Override
    public String protectedPath() {
        return "/api/chat/sessions/65f1c0de9a1b2c3d4e5f6a7b/messages";
    }
}
