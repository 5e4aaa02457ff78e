package com.astro.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The forged-token test every service runs against itself, called directly (no gateway in front): every
 * {@link BadTokens} variant on every route of the application is refused. Its test class implements this with the
 * running application and a client bound to its port.
 */
public interface ForgedTokensContract {

    /** Above this an HTTP header is refused by the server (431) before security reads it. */
    int LONGEST_HEADER = 8192;

    ApplicationContext application();

    WebTestClient web();

    @Test
    default void everyForgedTokenVariantIsRefusedOnEveryRoute() {
        Map<String, String> variants = BadTokens.of(TestInfra.shared().issuer()).all();
        List<OpenApiCheck.Route> routes = OpenApiCheck.routes(application());
        List<String> admitted = new ArrayList<>();
        for (OpenApiCheck.Route route : routes) {
            for (Map.Entry<String, String> variant : variants.entrySet()) {
                int status = web().method(HttpMethod.valueOf(route.method())).uri(route.examplePath())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + variant.getValue())
                        .header(HttpHeaders.CONTENT_TYPE, "application/json")
                        .exchange().returnResult(byte[].class).getStatus().value();
                int refused = variant.getValue().length() > LONGEST_HEADER ? 431 : 401;
                if (status != refused) {
                    admitted.add(route + " with " + variant.getKey() + ": " + status);
                }
            }
        }
        assertThat(variants).hasSizeGreaterThanOrEqualTo(30);
        assertThat(routes).isNotEmpty();
        assertThat(admitted).as("forged tokens not refused").isEmpty();
    }
}
