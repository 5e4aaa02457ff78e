package com.astro.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Compares a service's OpenAPI document with the routes its {@code @RequestMapping} handlers really serve. A
 * route is documented when its operation is in the document with a success answer carrying an example (springdoc's
 * generated default has none) and every error answer is problem details: a reference to one of the shared
 * {@code #/components/responses/*} or {@code application/problem+json}.
 */
public final class OpenApiCheck {

    private static final String SHARED_RESPONSES = "#/components/responses/";

    private OpenApiCheck() {
    }

    /** The application's document, fetched without a token as a frontend's tooling would; fails unless it is 200. */
    public static Map<String, Object> document(WebTestClient web) {
        return web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    /** What is missing or wrong, one line per route; empty when every route of the application is documented. */
    public static List<String> undocumentedRoutes(ApplicationContext context, Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> paths = map(document.get("paths"));
        for (Route route : routes(context)) {
            Map<String, Object> operation = map(map(paths.get(route.pattern()))
                    .get(route.method().toLowerCase(Locale.ROOT)));
            check(route.toString(), operation, problems);
        }
        return problems;
    }

    /** Every route the application's own ({@code com.astro.}) {@code @RequestMapping} handlers serve. */
    public static List<Route> routes(ApplicationContext context) {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping
                    .getHandlerMethods().entrySet()) {
                if (!handler.getValue().getBeanType().getName().startsWith("com.astro.")) {
                    continue;
                }
                for (PathPattern pattern : handler.getKey().getPatternsCondition().getPatterns()) {
                    for (RequestMethod method : handler.getKey().getMethodsCondition().getMethods()) {
                        routes.add(new Route(method.name(), pattern.getPatternString()));
                    }
                }
            }
        }
        return routes;
    }

    /** One method and path pattern, as {@code GET /api/things/{id}}. */
    public record Route(String method, String pattern) {

        /** The pattern with every path variable filled in, for a request that reaches the route. */
        public String examplePath() {
            return pattern.replaceAll("\\{[^}]*}", "x1");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private static void check(String route, Map<String, Object> operation, List<String> problems) {
        if (operation.isEmpty()) {
            problems.add(route + ": not in the document");
            return;
        }
        Map<String, Object> responses = map(operation.get("responses"));
        boolean successWithExample = false;
        for (Map.Entry<String, Object> response : responses.entrySet()) {
            Map<String, Object> answer = map(response.getValue());
            if (response.getKey().startsWith("2")) {
                successWithExample |= hasExample(answer) || "204".equals(response.getKey());
            }
            else if (!isProblem(answer)) {
                problems.add(route + ": answer " + response.getKey() + " is not problem details");
            }
        }
        if (!successWithExample) {
            problems.add(route + ": no documented success answer with an example (responses: " + responses.keySet()
                    + ")");
        }
        if (!responses.containsKey("401")) {
            problems.add(route + ": no 401 answer");
        }
    }

    private static boolean hasExample(Map<String, Object> answer) {
        return map(answer.get("content")).values().stream().map(OpenApiCheck::map)
                .anyMatch(media -> media.containsKey("example") || !map(media.get("examples")).isEmpty());
    }

    private static boolean isProblem(Map<String, Object> answer) {
        Object ref = answer.get("$ref");
        return ref instanceof String text && text.startsWith(SHARED_RESPONSES)
                || map(answer.get("content")).containsKey("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
