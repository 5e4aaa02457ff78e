package com.astro.token;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ApiDocsContract;
import com.astro.infra.TestInfra;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiDocsTest implements ApiDocsContract {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-api-docs");
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

    @Override
    public String protectedPath() {
        return "/api/agora/token";
    }
}
