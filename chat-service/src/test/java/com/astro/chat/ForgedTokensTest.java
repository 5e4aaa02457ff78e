package com.astro.chat;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ForgedTokensContract;

/** Chat's REST routes called directly refuse every forged token (the handshake: {@link AuthenticationTest}). */
@ExtendWith(ClusterExtension.class)
class ForgedTokensTest implements ForgedTokensContract {

    private final ChatCluster cluster = ChatCluster.shared();

    @Override
    public ApplicationContext application() {
        return cluster.a().context();
    }

    @Override
    public WebTestClient web() {
        return WebTestClient.bindToServer().baseUrl(cluster.a().url()).build();
    }
}
