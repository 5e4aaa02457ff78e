package com.astro.token;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ForgedTokensContract;
import com.astro.infra.TestInfra;

/** The service called directly, without the gateway in front, refuses every forged token on every route. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ForgedTokensTest implements ForgedTokensContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-forged");
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient web;

    @Override
    public ApplicationContext application() {
        return context;
    }

    @Override
    public WebTestClient web() {
        return web;
    }
}
