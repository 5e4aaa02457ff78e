package com.astro.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** docker-compose.yml is checked here because no Docker engine can run it on these machines. */
class ComposeFileTest {

    private static final Path ROOT = RepositoryRoot.locate();

    private static String composeText() {
        try {
            return Files.readString(ROOT.resolve("docker-compose.yml"));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A fresh parse each time: anchors make parsed maps share objects between services. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() {
        return (Map<String, Object>) ComposeCheck.parse(composeText());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static List<String> problems(Object compose) {
        return ComposeCheck.problems(compose, ROOT);
    }

    @Test
    void theRepositorysComposeFileIsSound() {
        assertThat(problems(compose())).isEmpty();
    }

    @Test
    void theComposeFileRunsEveryApplicationOnRealKafkaAndMongo() {
        Map<String, Object> compose = compose();
        assertThat(map(compose, "services")).containsKeys("kafka", "mongo", "gateway", "presence-service",
                "session-service", "chat-service", "token-service");
        assertThat(service(compose, "kafka").get("image")).asString().startsWith("apache/kafka:");
        assertThat(service(compose, "mongo").get("image")).asString().startsWith("mongo:7");
    }

    @Test
    void everyServiceButTheGatewayHasNoHostPortSoEachCanBeScaled() {
        Map<String, Object> compose = compose();
        for (String name : List.of("presence-service", "session-service", "chat-service", "token-service")) {
            assertThat(service(compose, name)).as(name).doesNotContainKey("ports").doesNotContainKey("container_name");
        }
        assertThat(map(service(compose, "gateway"), "environment")).containsEntry("CHAT_URL", "http://chat-service:8083")
                .containsEntry("SESSION_URL", "http://session-service:8082")
                .containsEntry("PRESENCE_URL", "http://presence-service:8081")
                .containsEntry("TOKEN_URL", "http://token-service:8084");
    }

    @Test
    void aServicePublishingAHostPortIsAProblemBecauseItCannotBeScaled() {
        Map<String, Object> compose = compose();
        service(compose, "session-service").put("ports", List.of("8082:8082"));
        assertThat(problems(compose)).anyMatch(problem -> problem.startsWith("session-service: publishes host ports")
                && problem.contains("cannot be scaled"));
    }

    @Test
    void aFixedContainerNameIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "token-service").put("container_name", "token");
        assertThat(problems(compose)).contains("token-service: a fixed container_name stops it from being scaled");
    }

    @Test
    void theGatewayCallingAServiceByAnAddressOrOnTheWrongPortIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "environment").put("SESSION_URL", "http://10.0.0.5:8082");
        map(service(compose, "gateway"), "environment").put("TOKEN_URL", "http://token-service:8080");
        assertThat(problems(compose)).contains("gateway: SESSION_URL names 10.0.0.5, which is not a service",
                "gateway: TOKEN_URL calls token-service on port 8080 but it listens on 8084");
    }

    @Test
    void theGatewaysHealthAndMetricsStayOnItsUnpublishedManagementPort() {
        Map<String, Object> compose = compose();
        assertThat(map(service(compose, "gateway"), "environment")).containsEntry("MANAGEMENT_PORT", 9080);
        assertThat(service(compose, "gateway").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    void publishingTheManagementPortIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "gateway").put("ports", List.of("8080:8080", "9080:9080"));
        assertThat(problems(compose)).contains("gateway: publishes its management port 9080; health and metrics must stay inside");
    }

    @Test
    void aHealthcheckOnAPortWithoutHealthIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "healthcheck").put("test",
                List.of("CMD", "curl", "-fsS", "http://localhost:8080/actuator/health/readiness"));
        assertThat(problems(compose)).contains("gateway: healthcheck calls port 8080 but health is served on 9080");
    }

    @Test
    void mountingAFileThatIsNotInTheRepositoryIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "prometheus").put("volumes", List.of("./ops/prometheus/missing.yml:/etc/prometheus/prometheus.yml:ro"));
        assertThat(problems(compose)).contains("prometheus: mounts ./ops/prometheus/missing.yml, which does not exist");
    }

    @Test
    void textThatIsNotYamlIsRefused() {
        assertThatThrownBy(() -> ComposeCheck.parse("services: [\n  gateway: {")).isInstanceOf(RuntimeException.class);
        assertThat(problems(ComposeCheck.parse("- just\n- a list\n"))).containsExactly("the file is not a YAML mapping");
    }

    @Test
    void anUnknownTopLevelKeyIsAProblem() {
        Map<String, Object> compose = compose();
        compose.put("servics", Map.of());
        assertThat(problems(compose)).contains("unknown top-level key 'servics'");
    }

    @Test
    void aServiceWithoutImageOrBuildIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "mongo").remove("image");
        assertThat(problems(compose)).contains("mongo: needs 'image' or 'build'");
    }

    @Test
    void aMisspelledServiceKeyIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "gateway").put("enviroment", Map.of());
        assertThat(problems(compose)).contains("gateway: unknown key 'enviroment'");
    }

    @Test
    void aMissingBuildContextIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "build").put("context", "./no-such-dir");
        assertThat(problems(compose)).anyMatch(problem -> problem.startsWith("gateway: build context") && problem.endsWith("does not exist"));
    }

    @Test
    void aMissingDockerfileIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "build").put("dockerfile", "Dockerfile.missing");
        assertThat(problems(compose)).anyMatch(problem -> problem.startsWith("gateway: Dockerfile Dockerfile.missing does not exist"));
    }

    @Test
    void aModuleThatDoesNotExistIsAProblem() {
        Map<String, Object> compose = compose();
        map(map(service(compose, "gateway"), "build"), "args").put("MODULE", "billing-service");
        assertThat(problems(compose)).contains("gateway: module 'billing-service' is not a module of the build");
    }

    @Test
    void dependingOnAServiceThatDoesNotExistIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "depends_on").put("redis", Map.of("condition", "service_healthy"));
        assertThat(problems(compose)).contains("gateway: depends on 'redis', which is not a service");
    }

    @Test
    void waitingForHealthOfAServiceWithoutHealthcheckIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "mongo").remove("healthcheck");
        assertThat(problems(compose)).contains("presence-service: waits for 'mongo' to be healthy, but it has no healthcheck");
    }

    @Test
    void aPublishedPortOtherThanTheApplicationsDefaultIsAProblem() {
        Map<String, Object> compose = compose();
        service(compose, "presence-service").put("ports", List.of("8081:9000"));
        assertThat(problems(compose)).contains("presence-service: publishes container port 9000 but the application listens on 8081");
    }

    @Test
    void aPortVariableOtherThanTheApplicationsDefaultIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "environment").put("PORT", 9999);
        assertThat(problems(compose)).contains("gateway: PORT 9999 differs from the application's default 8080");
    }

    @Test
    void aVariableTheApplicationDoesNotReadIsAProblem() {
        Map<String, Object> compose = compose();
        map(service(compose, "gateway"), "environment").put("MONGO_URI", "mongodb://mongo:27017");
        assertThat(problems(compose)).contains("gateway: sets MONGO_URI, which gateway does not read (not in its application.yml)");
    }

    @Test
    void aMisspelledVariableIsAProblemInTheListFormToo() {
        Map<String, Object> compose = compose();
        service(compose, "presence-service").put("environment", List.of("PORT=8081", "MONGO_URL=mongodb://mongo:27017"));
        assertThat(problems(compose)).contains("presence-service: sets MONGO_URL, which presence-service does not read (not in its application.yml)");
    }
}
