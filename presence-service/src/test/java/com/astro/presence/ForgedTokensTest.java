package com.astro.presence;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ForgedTokensContract;

/** The service called directly, without the gateway in front, refuses every forged token on every route. */
class ForgedTokensTest extends PresenceIntegrationTest implements ForgedTokensContract {

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
}
