package com.astro.common.testapp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.DevIssuer;
import com.astro.infra.TestInfra;

/**
 * Base of the tests that run {@link TestApp} on a real port against TestInfra's dev issuer (JWKS over
 * HTTP). Every subclass shares one application context.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class TestAppTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "common-test");
    }

    @Autowired
    protected WebTestClient client;

    protected static DevIssuer issuer() {
        return TestInfra.shared().issuer();
    }

    protected static String token(String role) {
        return issuer().mint("user_1", role, "Test User");
    }
}
