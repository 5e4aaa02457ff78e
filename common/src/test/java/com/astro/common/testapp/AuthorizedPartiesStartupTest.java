package com.astro.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.astro.infra.TestInfra;

/** With no authorized parties any token's {@code azp} would pass: only the dev profile may run like that. */
class AuthorizedPartiesStartupTest {

    @Test
    void anEmptyListStopsTheServiceFromStartingOutsideTheDevProfile() {
        assertThatThrownBy(() -> start().close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("CLERK_AUTHORIZED_PARTIES")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=dev");
    }

    @Test
    void theDevProfileMayRunWithAnEmptyList() {
        try (ConfigurableApplicationContext context = start("--spring.profiles.active=dev")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String... extra) {
        TestInfra infra = TestInfra.shared();
        String[] args = new String[] {
                "--server.port=0",
                "--astro.security.jwks-url=" + infra.issuer().jwksUrl(),
                "--astro.security.issuer=" + infra.issuer().issuer(),
                "--astro.security.authorized-parties=",
                "--spring.mongodb.uri=" + infra.mongo().connectionString(),
                "--spring.mongodb.database=authorized-parties",
                "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers() };
        String[] all = Stream.concat(Arrays.stream(args), Arrays.stream(extra))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TestApp.class).run(all);
    }
}
