package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.OpenApiCheck;

/** The history API's document, served by a chat instance of the shared cluster (no socket clients needed). */
@ExtendWith(ClusterExtension.class)
class ApiDocsTest {

    private final ChatCluster cluster = ChatCluster.shared();

    private final WebTestClient web = WebTestClient.bindToServer().baseUrl(cluster.a().url()).build();

    @Test
    void everyRouteHasDocumentedSuccessAndProblemAnswers() {
        assertThat(OpenApiCheck.undocumentedRoutes(cluster.a().context(), OpenApiCheck.document(web))).isEmpty();
    }

    @Test
    void theDocumentIsOpenApi31WithTheSharedProblemDetailSchema() {
        var document = OpenApiCheck.document(web);
        assertThat(document.get("openapi")).asString().startsWith("3.1");
        assertThat(document).extractingByKey("components").asString().contains("ProblemDetail=");
    }

    @Test
    void theApiStillNeedsATokenWhileTheDocumentIsOpen() {
        web.get().uri("/api/chat/sessions/65f1c0de9a1b2c3d4e5f6a7b/messages").exchange().expectStatus()
                .isUnauthorized();
    }
}
