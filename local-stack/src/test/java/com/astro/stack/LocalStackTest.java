package com.astro.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.astro.stack.FreePorts.freePort;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real launcher with the gateway alone (the one application whose jar this module can
 * rely on being built before it) on free ports, next to whatever else runs on this machine.
 */
class LocalStackTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder()
                .jvmFlags(LocalStack.QUICK_START_JVM_FLAGS)
                .only(App.GATEWAY)
                .basePort(App.GATEWAY, freePort())
                .basePort(App.PRESENCE, freePort())
                .infraPorts(0, 0, 0)
                .partitions(1)
                .readyTimeout(Duration.ofMinutes(2))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void theGatewayIsReadyAndWritesItsLogUnderTheRepository() throws IOException {
        ChildApp gateway = stack.instances(App.GATEWAY).get(0);
        assertThat(gateway.isAlive()).isTrue();
        assertThat(get("/actuator/health/readiness", null).body()).contains("\"UP\"");
        assertThat(gateway.log()).startsWith(stack.root().resolve(".local-stack/logs"));
        assertThat(Files.readString(gateway.log())).contains("Started GatewayApplication");
    }

    @Test
    void aTokenMintedThroughTheGatewayIsAcceptedAndARequestWithoutOneIsNot() throws IOException {
        HttpResponse<String> minted = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"astro_1\",\"role\":\"astrologer\"}")).build());
        assertThat(minted.statusCode()).isEqualTo(200);
        String token = minted.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> anonymous = get("/api/v1/astrologers/online", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // presence-service is not part of this stack: accepted at the edge, then 503 naming it
        HttpResponse<String> signedIn = get("/api/v1/astrologers/online", token);
        assertThat(signedIn.statusCode()).isEqualTo(503);
        assertThat(signedIn.body()).contains("presence-service is unavailable");
    }

    @Test
    void theBannerShowsTheGatewayTheConsoleAndACurlThatMintsAToken() {
        String banner = LocalStackMain.banner(stack);
        assertThat(banner).contains("Gateway:  " + stack.gatewayUrl())
                .contains("Console:  " + stack.gatewayUrl() + "/")
                .contains("curl -s -X POST " + stack.gatewayUrl() + "/dev/tokens");
    }

    @Test
    void aMissingJarIsReportedWithTheCommandThatBuildsIt(@TempDir Path emptyRepository) {
        assertThatThrownBy(() -> LocalStack.builder().root(emptyRepository).only(App.GATEWAY).infraPorts(0, 0, 0).build().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway-0.1.0-SNAPSHOT.jar")
                .hasMessageContaining("run mvn -DskipTests install first");
    }

    @Test
    void anApplicationThatDiesDuringStartUpIsNamedWithItsLog(@TempDir Path repository) throws IOException {
        Path jar = repository.resolve("token-service/target/token-service-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "not a jar");
        assertThatThrownBy(() -> LocalStack.builder().root(repository).only(App.TOKEN).basePort(App.TOKEN, freePort())
                .infraPorts(0, 0, 0).partitions(1).build().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token-service exited with code")
                .hasMessageContaining(repository.resolve(".local-stack/logs/token-service.log").toString());
    }

    @Test
    void aPortInUseIsReportedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> LocalStack.builder().only(App.GATEWAY).basePort(App.GATEWAY, taken.getLocalPort())
                    .infraPorts(0, 0, 0).build().start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ports already in use: " + taken.getLocalPort() + " (gateway)");
        }
    }

    @Test
    void stoppingTheStackEndsItsChildren() {
        LocalStack second = LocalStack.builder().only(App.GATEWAY).basePort(App.GATEWAY, freePort())
                .infraPorts(0, 0, 0).partitions(1).build().start();
        ChildApp gateway = second.instances(App.GATEWAY).get(0);
        second.stop();
        assertThat(gateway.isAlive()).isFalse();
        assertThat(ProcessHandle.of(gateway.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    /** Ctrl-C during start-up: the shutdown hook's stop() must not wait for the start-up (up to its ready timeout). */
    @Test
    void stoppingTheStackWhileItStartsEndsTheStartAtOnce() {
        LocalStack starting = LocalStack.builder().only(App.GATEWAY).basePort(App.GATEWAY, freePort())
                .infraPorts(0, 0, 0).partitions(1).readyTimeout(Duration.ofMinutes(5)).build();
        CompletableFuture<LocalStack> start = CompletableFuture.supplyAsync(starting::start);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> !starting.instances().isEmpty() || start.isDone());
        ChildApp gateway = starting.instances().get(0);

        starting.stop();

        assertThat(gateway.isAlive()).isFalse();
        assertThatThrownBy(() -> start.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("the local stack was stopped while it started");
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
