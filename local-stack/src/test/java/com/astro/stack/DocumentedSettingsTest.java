package com.astro.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every environment variable the READMEs' settings tables offer is read by something: an application's
 * configuration ({@code ${NAME:default}}), code ({@code getenv("NAME")}, {@code environment.getProperty("NAME")}) or
 * the image's entry point.
 * A documented variable that nothing reads is a setting that silently does nothing (the gateway's
 * {@code GATEWAY_PROBE_INTERVAL} was one).
 */
class DocumentedSettingsTest {

    private static final Path ROOT = RepositoryRoot.locate();

    /** A table row whose first cell names only variables: {@code | `A_B`, `C_D` | ...}. */
    private static final Pattern SETTINGS_ROW = Pattern.compile("^\\|\\s*((?:`[A-Z][A-Z0-9_]*\\*?`[\\s,/]*)+)\\|", Pattern.MULTILINE);

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    /** Read by Spring Boot itself, not by our configuration. */
    private static final Set<String> READ_BY_SPRING = Set.of("SPRING_PROFILES_ACTIVE");

    @Test
    void everyDocumentedVariableIsReadBySomething() throws IOException {
        String readers = readers();
        Set<String> unread = new TreeSet<>();
        for (Path readme : readmes()) {
            for (String name : documentedVariables(read(readme))) {
                boolean read = READ_BY_SPRING.contains(name) || readers.contains("${" + name + ":")
                        || readers.contains("${" + name + "}") || readers.contains("getenv(\"" + name + "\")")
                        || readers.contains("getProperty(\"" + name + "\"")
                        || readers.contains("$" + name + " ");
                if (!read) {
                    unread.add(ROOT.relativize(readme) + ": " + name);
                }
            }
        }
        assertThat(unread).as("documented settings that nothing reads").isEmpty();
    }

    @Test
    void aSettingsRowIsRecognised() {
        assertThat(documentedVariables("""
                | variable | default |
                | --- | --- |
                | `GATEWAY_PROBE_INTERVAL` / `GATEWAY_PROBE_TIMEOUT` | `2s` / `1s` |
                | `SESSION_*`, `WALLET_MAX_CREDIT_COINS` | see the module |
                | `GET /api/wallet` | anyone |
                """)).containsExactly("GATEWAY_PROBE_INTERVAL", "GATEWAY_PROBE_TIMEOUT", "WALLET_MAX_CREDIT_COINS");
    }

    static List<String> documentedVariables(String markdown) {
        return SETTINGS_ROW.matcher(markdown).results()
                .flatMap(row -> NAME.matcher(row.group(1)).results().map(name -> name.group(1)))
                .toList();
    }

    private static List<Path> readmes() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                    modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile)).toList();
        }
    }

    /** The text of everything that reads settings: main resources and code, the Dockerfile, docker-compose.yml. */
    private static String readers() throws IOException {
        StringBuilder text = new StringBuilder(read(ROOT.resolve("Dockerfile"))).append(read(ROOT.resolve("docker-compose.yml")));
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(DocumentedSettingsTest::isMainSource).forEach(file -> text.append(read(file)).append('\n'));
        }
        return text.toString();
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString();
        return path.contains("/src/main/") && !path.contains("/node_modules/")
                && (path.endsWith(".yml") || path.endsWith(".yaml") || path.endsWith(".properties") || path.endsWith(".java"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
