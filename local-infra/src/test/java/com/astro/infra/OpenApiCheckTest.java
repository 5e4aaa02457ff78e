package com.astro.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;

/** The check the services' ApiDocsTest rely on, against one real handler mapping and hand-written documents. */
class OpenApiCheckTest {

    @RestController
    static class Things {

        @GetMapping("/things/{id}")
        String one(@PathVariable String id) {
            return id;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    @Import(Things.class)
    static class App {
    }

    static final AnnotationConfigApplicationContext CONTEXT = new AnnotationConfigApplicationContext(App.class);

    static final Map<String, Object> EXAMPLED_OK = Map.of("description", "the thing",
            "content", Map.of("application/json", Map.of("example", Map.of("id", "t1"))));

    static final Map<String, Object> UNAUTHORIZED = Map.of("$ref", "#/components/responses/Unauthorized");

    @AfterAll
    static void close() {
        CONTEXT.close();
    }

    private static Map<String, Object> documentAnswering(Map<String, Object> responses) {
        return Map.of("paths", Map.of("/things/{id}", Map.of("get", Map.of("responses", responses))));
    }

    private static List<String> findings(Map<String, Object> document) {
        return OpenApiCheck.undocumentedRoutes(CONTEXT, document);
    }

    @Test
    void aRouteWithAnExampledSuccessProblemErrorsAndA401IsDocumented() {
        assertThat(findings(documentAnswering(Map.of("200", EXAMPLED_OK, "401", UNAUTHORIZED,
                "404", Map.of("$ref", "#/components/responses/NotFound"))))).isEmpty();
    }

    @Test
    void aRouteMissingFromTheDocumentIsReported() {
        assertThat(findings(Map.of("paths", Map.of()))).containsExactly("GET /things/{id}: not in the document");
    }

    @Test
    void aRouteWithOnlyTheGeneratedSuccessAnswerIsReported() {
        Map<String, Object> generated = Map.of("description", "OK",
                "content", Map.of("*/*", Map.of("schema", Map.of("type", "string"))));
        assertThat(findings(documentAnswering(Map.of("200", generated, "401", UNAUTHORIZED))))
                .singleElement().asString().startsWith("GET /things/{id}: no documented success answer");
    }

    @Test
    void anErrorAnswerThatIsNotProblemDetailsIsReported() {
        Map<String, Object> plain = Map.of("description", "gone", "content", Map.of("text/plain", Map.of()));
        assertThat(findings(documentAnswering(Map.of("200", EXAMPLED_OK, "401", UNAUTHORIZED, "410", plain))))
                .containsExactly("GET /things/{id}: answer 410 is not problem details");
    }

    @Test
    void aRouteWithoutA401IsReported() {
        assertThat(findings(documentAnswering(Map.of("200", EXAMPLED_OK))))
                .containsExactly("GET /things/{id}: no 401 answer");
    }
}
