package com.astro.session;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ApiDocsContract;

class ApiDocsTest extends SessionTestSupport implements ApiDocsContract {

    @Autowired
    ApplicationContext context;

    @Override
    public ApplicationContext application() {
        return context;
    }

    /** Generating the document the first time takes seconds on a loaded machine: more than the client's default 5. */
    @Override
    public WebTestClient web() {
        return web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    @Override
    public String protectedPath() {
        return "/api/sessions/start";
    }
}
