package com.astro.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OpenAPI tests every service runs: its test class implements this with the running application, its client
 * and one API path that needs a token.
 */
public interface ApiDocsContract {

    ApplicationContext application();

    WebTestClient web();

    /** A GET or POST path of the service's API, answered 401 without a token. */
    String protectedPath();

    @Test
    default void everyRouteHasDocumentedSuccessAndProblemAnswers() {
        assertThat(OpenApiCheck.undocumentedRoutes(application(), OpenApiCheck.document(web()))).isEmpty();
    }

    @Test
    default void theDocumentIsOpenApi31WithTheSharedProblemDetailSchema() {
        Map<String, Object> document = OpenApiCheck.document(web());
        assertThat(document.get("openapi")).asString().startsWith("3.1");
        assertThat(document).extractingByKey("components").asString().contains("ProblemDetail=");
    }

    @Test
    default void theApiStillNeedsATokenWhileTheDocumentIsOpen() {
        web().post().uri(protectedPath()).exchange().expectStatus().isUnauthorized();
    }
}
