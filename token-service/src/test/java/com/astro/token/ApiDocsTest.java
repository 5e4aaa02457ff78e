package com.astro.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.ApiDocsContract;
import com.astro.infra.OpenApiCheck;
import com.astro.infra.TestInfra;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@SuppressWarnings("unchecked")
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

    @Test
    void everyTokenRouteDocumentsTheRefusalsOfBadInputAForeignUnknownOrEndedSessionAndMissingAgoraSettings() {
        Map<String, Object> paths = (Map<String, Object>) OpenApiCheck.document(web).get("paths");
        for (String[] route : new String[][] { { "/api/agora/token", "post" }, { "/api/agora/token", "get" },
                { "/api/agora/rtm-token", "post" } }) {
            Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) paths.get(route[0]))
                    .get(route[1]);
            assertThat((Map<String, Object>) operation.get("responses")).as(route[1] + " " + route[0])
                    .containsKeys("200", "400", "401", "403", "404", "410", "503");
        }
    }

    @Override
    public String protectedPath() {
        return "/api/agora/token";
    }
}
