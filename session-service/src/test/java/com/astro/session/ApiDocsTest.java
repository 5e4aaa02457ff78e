package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.astro.infra.OpenApiCheck;

class ApiDocsTest extends SessionTestSupport {

    @Autowired
    ApplicationContext context;

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
        web.get().uri("/api/wallet").exchange().expectStatus().isUnauthorized();
    }
}
