package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The web console is served at / without a token, next to unchanged API routes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "astro.console.clerk-publishable-key=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
@AutoConfigureWebTestClient
@ActiveProfiles("dev")
class ConsoleRoutesTest {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestBackends.register(registry);
    }

    @Autowired
    WebTestClient client;

    @Test
    void theConsolePageIsServedAtTheRootWithoutATokenAndCheckedOnEveryLoad() {
        String page = indexPage();
        assertThat(page).contains("<div id=\"root\"></div>");
        client.get().uri("/").exchange()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().cacheControl(CacheControl.noCache());
    }

    @Test
    void theAssetsThePageNamesAreServedAndKeptForGood() {
        Matcher script = SCRIPT.matcher(indexPage());
        assertThat(script.find()).as("the page loads a script from /assets/").isTrue();
        client.get().uri(script.group(1)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("immutable"));
    }

    @Test
    void theConsoleIsToldHowPeopleSignIn() {
        client.get().uri("/console/config.json").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.devSignIn").isEqualTo(true)
                .jsonPath("$.clerkPublishableKey").isEqualTo("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
                .jsonPath("$.agoraAppId").isEmpty()
                .jsonPath("$.roleClaim").isEqualTo("role");
    }

    @Test
    void aMissingAssetIs404() {
        client.get().uri("/assets/nothing-here.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void anyOtherPathIsStillNoRoute() {
        String token = GatewayTestBackends.ISSUER.mint("user_1", "user", "Uma");
        client.get().uri("/index.php").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No route for GET /index.php");
    }

    @Test
    void theApiStillNeedsAToken() {
        client.get().uri("/api/v1/astrologers/online").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private String indexPage() {
        return client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
