package com.astro.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** Every error a service answers is problem details with a detail a client developer can act on. */
class ProblemDetailsTest extends TestAppTest {

    private static final String VALID = "{\"name\":\"reading\",\"rate\":5,\"kind\":\"CHAT\",\"at\":\"2026-01-31T10:15:30Z\"}";

    private WebTestClient.ResponseSpec post(String body) {
        return client.post().uri("/things").header("Authorization", "Bearer " + token("user"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").isEqualTo(detail)
                .jsonPath("$.requestId").isNotEmpty()
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }

    @Test
    void aValidRequestIsAccepted() {
        post(VALID).expectStatus().isCreated().expectBody().jsonPath("$.name").isEqualTo("reading");
    }

    @Test
    void malformedJsonSaysTheBodyIsNotJson() {
        post("{\"name\": \"reading\",").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("The request body is not valid JSON"));
    }

    @Test
    void aWrongTypedFieldIsNamedWithTheExpectedType() {
        problem(post("{\"name\":\"reading\",\"rate\":\"five\",\"kind\":\"CHAT\"}"), 400,
                "Field 'rate' must be a whole number");
    }

    @Test
    void aWrongEnumValueListsTheAllowedValues() {
        problem(post("{\"name\":\"reading\",\"rate\":5,\"kind\":\"VIDEO\"}"), 400, "Field 'kind' must be one of CHAT, CALL");
    }

    @Test
    void aBadInstantShowsTheExpectedFormat() {
        problem(post("{\"name\":\"reading\",\"rate\":5,\"kind\":\"CHAT\",\"at\":\"yesterday\"}"), 400,
                "Field 'at' must be an ISO-8601 instant such as 2026-01-31T10:15:30Z");
    }

    @Test
    void aMissingBodyIsReported() {
        client.post().uri("/things").header("Authorization", "Bearer " + token("user"))
                .contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("A JSON request body is required");
    }

    @Test
    void validationErrorsListEveryFieldError() {
        post("{\"name\":\"\",\"rate\":0,\"kind\":\"CHAT\"}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("Invalid request: ").contains("name must not be blank")
                        .contains("rate must be greater than or equal to 1"))
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'rate')].message").isEqualTo("must be greater than or equal to 1");
    }

    @Test
    void aMissingRequiredFieldIsAValidationError() {
        post("{\"name\":\"reading\",\"rate\":3}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
    }

    @Test
    void anUnsupportedMediaTypeNamesWhatToSend() {
        problem(client.post().uri("/things").header("Authorization", "Bearer " + token("user"))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("name=reading").exchange(), 415,
                "Content type 'text/plain' is not supported here; send application/json");
    }

    @Test
    void aWrongMethodNamesTheAllowedMethods() {
        problem(client.delete().uri("/things").header("Authorization", "Bearer " + token("user")).exchange(), 405,
                "Method DELETE is not allowed on /things; allowed: POST");
    }

    @Test
    void anUnknownPathIs404() {
        problem(client.get().uri("/nothing/here").header("Authorization", "Bearer " + token("user")).exchange(), 404,
                "No endpoint GET /nothing/here");
    }

    @Test
    void aWrongTypedPathVariableIsNamed() {
        problem(client.get().uri("/things/abc").header("Authorization", "Bearer " + token("user")).exchange(), 400,
                "Parameter 'id' must be a whole number, got 'abc'");
    }

    @Test
    void aMissingQueryParameterIsNamed() {
        problem(client.get().uri("/things/search").header("Authorization", "Bearer " + token("user")).exchange(), 400,
                "Required query parameter 'q' is missing");
    }

    @Test
    void aResponseStatusExceptionKeepsItsDetail() {
        problem(client.get().uri("/things/busy").header("Authorization", "Bearer " + token("user")).exchange(), 409,
                "The astrologer is busy in another session");
    }

    @Test
    void anUnexpectedErrorIs500WithoutLeakingAnything() {
        client.get().uri("/things/boom").header("Authorization", "Bearer " + token("user")).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("An unexpected error occurred; quote the request id when reporting it")
                        .contains("\"requestId\"")
                        .doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at com."));
    }

    @Test
    void aBodyOverTheLimitIs413BeforeAnythingReadsIt() {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"rate\":5,\"kind\":\"CHAT\"}";
        problem(post(big), 413, "The request body is larger than the 1024 bytes this service accepts");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"rate\":5,\"kind\":\"CHAT\"}";
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        // a Flux body without a length goes out chunked: only the streamed count can catch it
        Flux<DataBuffer> chunks = Flux
                .range(0, bytes.length / 100 + 1)
                .map(i -> DefaultDataBufferFactory.sharedInstance
                        .wrap(Arrays.copyOfRange(bytes, i * 100, Math.min(bytes.length, i * 100 + 100))));
        problem(client.post().uri("/things").header("Authorization", "Bearer " + token("user"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks)).exchange(), 413,
                "The request body is larger than the 1024 bytes this service accepts");
    }

    @Test
    void theCallersRequestIdIsEchoedInTheProblem() {
        client.get().uri("/things/busy").header("Authorization", "Bearer " + token("user"))
                .header("X-Request-Id", "req-123").exchange()
                .expectHeader().valueEquals("X-Request-Id", "req-123")
                .expectBody().jsonPath("$.requestId").isEqualTo("req-123");
    }

    @Test
    void anErrorOutsideAnyControllerIs500WithoutLeakingAnything() {
        client.get().uri("/filter/boom").header("Authorization", "Bearer " + token("user")).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("An unexpected error occurred; quote the request id when reporting it")
                        .contains("\"requestId\"").doesNotContain("secret").doesNotContain("IllegalStateException"));
    }

    @Test
    void aStatusExceptionOutsideAnyControllerKeepsItsDetail() {
        problem(client.get().uri("/filter/unavailable").header("Authorization", "Bearer " + token("user")).exchange(),
                503, "Messages cannot be stored right now; try again");
    }
}
