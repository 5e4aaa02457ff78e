package com.astro.session;

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

    @Override
    public WebTestClient web() {
        return web;
    }

    @Override
    public String protectedPath() {
        return "/api/sessions/start";
    }
}
