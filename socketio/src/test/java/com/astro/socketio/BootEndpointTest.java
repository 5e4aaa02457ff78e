package com.astro.socketio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.astro.infra.NodeScript;
import com.astro.socketio.server.SocketIoOptions;
import com.astro.socketio.server.SocketIoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a Spring Boot WebFlux application one {@link SocketIoServer} bean is enough: the auto-configuration mounts
 * it next to the application's controllers, and the official client works over every transport.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = BootEndpointTest.App.class)
class BootEndpointTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SocketIoServer socketIo() {
            SocketIoServer server = new SocketIoServer(SocketIoOptions.defaults().withAllowedOrigins(List.of("*")));
            TestServer.configure(server, new ConcurrentHashMap<>());
            return server;
        }

        @Bean
        Hello hello() {
            return new Hello();
        }
    }

    @RestController
    static class Hello {

        @GetMapping("/hello")
        String hello() {
            return "hi";
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer socketIo;

    private NodeScript.Result run(String scenario, String mode) {
        return NodeScript.run(Path.of("src/test/js/client-scenarios.js"), Map.of("URL", "http://localhost:" + port),
                Duration.ofSeconds(30), scenario, mode);
    }

    @Test
    void officialClientWorksOverEveryTransportNextToControllers() {
        for (String mode : TestServer.modes()) {
            for (String scenario : List.of("events", "refused")) {
                NodeScript.Result result = run(scenario, mode);
                assertThat(result.succeeded()).as(mode + " " + scenario + ": " + result.stderr()).isTrue();
            }
        }
        assertThat(Http.get("http://localhost:" + port + "/hello").body()).isEqualTo("hi");
    }

    @Test
    void countersFollowConnections() {
        RawWebSocket ws = RawWebSocket.socketIo("http://localhost:" + port, "{\"token\":\"secret\"}");
        await().until(() -> socketIo.connectedSockets() >= 1 && socketIo.engineSessions() >= 1);
        ws.send("41");
        ws.send("1");
        ws.awaitClosed(Duration.ofSeconds(5));
        await().until(() -> socketIo.connectedSockets() == 0 && socketIo.engineSessions() == 0);
    }
}
