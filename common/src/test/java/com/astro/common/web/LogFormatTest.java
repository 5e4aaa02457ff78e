package com.astro.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

/** {@code LOG_FORMAT} switches every service between the readable dev console and ECS JSON lines. */
class LogFormatTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogFormatEnvironment().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void ecsSwitchesTheConsoleToStructuredLogs() {
        assertThat(environment(Map.of("LOG_FORMAT", "ECS")).getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void unsetOrPlainKeepsThePlainConsole() {
        assertThat(environment(Map.of("LOG_FORMAT", "plain")).getProperty("logging.structured.format.console")).isNull();
        assertThat(environment(Map.of()).containsProperty("logging.structured.format.console")).isFalse();
    }

    @Test
    void aServiceSettingWinsOverTheDefault() {
        assertThat(environment(Map.of("LOG_FORMAT", "ecs", "logging.structured.format.console", "logstash"))
                .getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void aServiceStartedWithLogFormatEcsWritesJsonLinesCarryingTheRequestId() throws Exception {
        List<String> lines = runProbe(Map.of("LOG_FORMAT", "ecs"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("{").contains("\"message\":\"probe line\"").contains("\"requestId\":\"probe-1\""));
    }

    @Test
    void aServiceStartedWithoutLogFormatWritesPlainLinesWithTheRequestIdInBrackets() throws Exception {
        List<String> lines = runProbe(Map.of());
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .doesNotStartWith("{").contains("[probe-1]").endsWith("probe line"));
    }

    private static List<String> runProbe(Map<String, String> env) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // as in production: without local-infra, whose logback-test.xml configures tests' logging
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.contains("local-infra"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", classpath,
                EcsLogProbe.class.getName()).redirectErrorStream(true);
        builder.environment().remove("LOG_FORMAT");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
