package com.astro.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every script and every command in the documents works on a fresh machine: none runs Maven offline ({@code -o})
 * without repeating the build online when that fails (issue 17: socketio-fixture failed so on a fresh machine).
 */
class OfflineMavenTest {

    @Test
    void noScriptOrDocumentedCommandRunsMavenOfflineWithoutAnOnlineFallback() {
        assertThat(OfflineMavenCheck.violations(RepositoryRoot.locate())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mvn -B -o -q install",
            "  mvn -o -pl socketio dependency:build-classpath",
            "mvn -Bo verify",
            "mvn --offline -q install",
            "Run `mvn -B -o -q -pl chat-service install` first.",
            "mvn -o install || mvn -o -U install",
            "mvn -o install && echo done" })
    void anOfflineMavenCommandWithoutAnOnlineRetryIsRefused(String line) {
        assertThat(OfflineMavenCheck.isUnguardedOffline(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mvn -B -q -DskipTests install",
            "mvn -B -q -o -f benchmarks/pom.xml package -DskipTests || mvn -B -q -f benchmarks/pom.xml package -DskipTests",
            "{ mvn -B -o -q \"$@\" >/dev/null 2>&1 || { echo \"offline build failed; building online\" && mvn -B -q \"$@\"; }; }",
            "run `mvn -B -q -DskipTests install` once first. Add `-o` (offline) only once Maven has downloaded everything",
            "curl -s -o /dev/null http://localhost:8080/",
            "mvn -B -q -pl common -Dmaven.repo.local=/tmp/m2-o install" })
    void anOnlineCommandOrAnOfflineOneWithAnOnlineRetryIsAccepted(String line) {
        assertThat(OfflineMavenCheck.isUnguardedOffline(line)).isFalse();
    }
}
