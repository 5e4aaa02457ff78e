package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The dev profile's merged OpenAPI document and Swagger UI, over the fake backends (each serves a small document;
 * token-service is down). Their absence outside the dev profile is in {@link GatewayRoutingTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("dev")
class ApiDocsTest {

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestBackends.register(registry);
    }

    @Autowired
    WebTestClient client;

    private WebTestClient.BodyContentSpec mergedDocument() {
        return client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody();
    }

    @Test
    void theMergedDocumentHoldsThePathsOfEveryServiceThatAnswers() {
        mergedDocument()
                .jsonPath("$.openapi").isEqualTo("3.1.0")
                .jsonPath("$.servers[0].url").isEqualTo("/")
                .jsonPath("$.paths['/api/presence/things'].get.responses['200']").exists()
                .jsonPath("$.paths['/api/session/things'].get.responses['401']").exists()
                .jsonPath("$.paths['/api/chat-a/things']").exists()
                .jsonPath("$.tags[*].name").value(names -> assertThat(names.toString())
                        .contains("presence", "session", "chat-a"));
    }

    @Test
    void componentsTheServicesShareAppearOnce() {
        mergedDocument()
                .jsonPath("$.components.schemas.ProblemDetail.type").isEqualTo("object")
                .jsonPath("$.components.responses.Unauthorized.description").isEqualTo("no token")
                .jsonPath("$.components.securitySchemes.bearerAuth.scheme").isEqualTo("bearer")
                .jsonPath("$.security[0].bearerAuth").exists();
    }

    @Test
    void aSchemaTwoServicesDefineDifferentlyIsKeptPerServiceWithItsReferences() {
        mergedDocument()
                .jsonPath("$.components.schemas.Thing.description").isEqualTo("the thing of presence")
                .jsonPath("$.components.schemas['session-service.Thing'].description").isEqualTo("the thing of session")
                .jsonPath("$.paths['/api/presence/things'].get.responses['200'].content['application/json'].schema['$ref']")
                .isEqualTo("#/components/schemas/Thing")
                .jsonPath("$.paths['/api/session/things'].get.responses['200'].content['application/json'].schema['$ref']")
                .isEqualTo("#/components/schemas/session-service.Thing");
    }

    @Test
    void aServiceThatDoesNotAnswerIsNamedAsUnavailable() {
        mergedDocument().jsonPath("$['x-unavailable-services']").isEqualTo(List.of("token-service"));
    }

    @Test
    void swaggerUiIsServedWithoutATokenAndLoadsTheMergedDocument() {
        String page = client.get().uri("/swagger-ui.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("url: '/v3/api-docs'", "/swagger-ui/swagger-ui-bundle.js");
        client.get().uri("/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        client.get().uri("/swagger-ui/swagger-ui.css").exchange().expectStatus().isOk();
    }
}
