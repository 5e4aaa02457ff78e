package com.astro.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.OpenApiCheck;
import com.astro.infra.TestInfra;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiDocsTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-api-docs");
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient web;

    @Test
    void everyRouteHasDocumentedSuccessAndProblemAnswers() {
        assertThat(OpenApiCheck.undocumentedRoutes(context, OpenApiCheck.document(web))).isEmpty();
    }

    @Test
    void theDocumentIsOpenApi31WithTheSharedProblemDetailSchema() {
        var document = OpenApiCheck.document(web);
        assertThat(document.get("openapi")).asString().startsWith("3.1");
        assertThat(document).extractingByKey("components").asString().contains("ProblemDetail=");
    }

    @Test
    void theApiStillNeedsATokenWhileTheDocumentIsOpen() {
        web.post().uri("/api/agora/token").exchange().expectStatus().isUnauthorized();
    }
}
