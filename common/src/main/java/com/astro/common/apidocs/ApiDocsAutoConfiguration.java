package com.astro.common.apidocs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * What every service's OpenAPI document shares: the {@code ProblemDetail} schema, one reusable response per
 * error status ({@link ApiDocs}) with an example, the bearer token scheme required by every operation, and a
 * 401 on every operation. Active where springdoc is on the classpath (the services, not the gateway).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ApiDocsAutoConfiguration {

    static final String PROBLEM_SCHEMA = "ProblemDetail";

    static final String BEARER = "bearerAuth";

    private static final String ANYTHING = "*/*";

    private static final Map<String, Problem> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("BadRequest", new Problem(400, "Bad Request",
                "The request is malformed: the detail names the field and what it must be",
                "'sessionId' is required"));
        PROBLEMS.put("Unauthorized", new Problem(401, "Unauthorized",
                "No bearer token, or one that is expired, not signed by the issuer or for another party",
                "A valid bearer token is required"));
        PROBLEMS.put("Forbidden", new Problem(403, "Forbidden",
                "The caller's role or identity does not allow this", "You are not allowed to do this"));
        PROBLEMS.put("NotFound", new Problem(404, "Not Found",
                "No such resource, or none the caller may see", "No session 65f1c0de9a1b2c3d4e5f6a7b"));
        PROBLEMS.put("Conflict", new Problem(409, "Conflict",
                "The resource is not in a state that allows this", "The session is active, not pending"));
        PROBLEMS.put("Gone", new Problem(410, "Gone",
                "The resource existed but is over", "Session 65f1c0de9a1b2c3d4e5f6a7b has ended; its channel admits nobody"));
        PROBLEMS.put("ServiceUnavailable", new Problem(503, "Service Unavailable",
                "The service lacks configuration it needs", "Agora is not configured: set AGORA_APP_ID and AGORA_APP_CERTIFICATE"));
    }

    @Bean
    OpenApiCustomizer astroProblemsAndSecurity(Environment environment) {
        String service = environment.getProperty("spring.application.name", "service");
        return openApi -> {
            openApi.info(new Info().title("astro-live " + service).version("v1")
                    .description("Every error is application/problem+json (schema ProblemDetail)."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSchemas(PROBLEM_SCHEMA, problemSchema());
            PROBLEMS.forEach((name, problem) -> components.addResponses(name, problem.response()));
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("The Clerk session token (dev stack: POST /dev/tokens)"));
            openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                    jsonInsteadOfAnything(operation);
                    if (operation.getResponses() != null && !operation.getResponses().containsKey("401")) {
                        operation.getResponses().addApiResponse("401",
                                new ApiResponse().$ref(ApiDocs.UNAUTHORIZED));
                    }
                }));
            }
        };
    }

    /** Controllers answer JSON: springdoc's generated answers say {@code *}{@code /*} for lack of a produces. */
    private static void jsonInsteadOfAnything(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().values().forEach(response -> {
            Content content = response.getContent();
            if (content != null && content.containsKey(ANYTHING)) {
                content.addMediaType(MediaType.APPLICATION_JSON_VALUE, content.remove(ANYTHING));
            }
        });
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema<?> problemSchema() {
        Schema<?> schema = new Schema<>().type("object")
                .description("RFC 9457 problem details, as every error is answered (application/problem+json)");
        schema.addProperty("type", new Schema<>().type("string").description("always about:blank")
                .example("about:blank"));
        schema.addProperty("title", new Schema<>().type("string").description("the HTTP status's reason phrase"));
        schema.addProperty("status", new Schema<>().type("integer").format("int32"));
        schema.addProperty("detail", new Schema<>().type("string").description("what was wrong, for a developer"));
        schema.addProperty("instance", new Schema<>().type("string").description("the request path"));
        schema.addProperty("requestId", new Schema<>().type("string")
                .description("the request's id (header X-Request-Id): quote it when reporting a problem"));
        Schema fieldError = new Schema<>().type("object");
        fieldError.addProperty("field", new Schema<>().type("string"));
        fieldError.addProperty("message", new Schema<>().type("string"));
        schema.addProperty("errors", new Schema<>().type("array").items(fieldError)
                .description("per-field errors, when a body failed validation"));
        schema.setRequired(List.of("type", "title", "status", "detail", "instance"));
        return schema;
    }

    private record Problem(int status, String title, String description, String detail) {

        ApiResponse response() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", "about:blank");
            value.put("title", title);
            value.put("status", status);
            value.put("detail", detail);
            value.put("instance", "/api/sessions/accept");
            value.put("requestId", "3f2c9a7e-5b1d-4c1e-9e0a-1b2c3d4e5f60");
            io.swagger.v3.oas.models.media.MediaType media = new io.swagger.v3.oas.models.media.MediaType()
                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
                    .addExamples(title, new Example().value(value));
            return new ApiResponse().description(description)
                    .content(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
        }
    }
}
