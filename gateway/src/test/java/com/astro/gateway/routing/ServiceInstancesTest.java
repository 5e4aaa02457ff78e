package com.astro.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceInstancesTest {

    @Test
    void aHostNameStandsForItsAddressesAndItsOwnName() {
        ServiceInstances chat = new ServiceInstances("chat-service", List.of("http://localhost:8083"));
        assertThat(chat.byAuthority("127.0.0.1:8083")).contains(new Instance("http", "127.0.0.1", 8083));
        assertThat(chat.byAuthority("LOCALHOST:8083")).isPresent();
        assertThat(chat.urls()).containsExactly("http://127.0.0.1:8083");
    }

    @Test
    void anAddressThatIsNotConfiguredIsUnknown() {
        ServiceInstances chat = new ServiceInstances("chat-service", List.of("http://127.0.0.1:8083", "http://127.0.0.1:8093"));
        assertThat(chat.byAuthority("127.0.0.1:8084")).isEmpty();
        assertThat(chat.byAuthority("169.254.169.254:80")).isEmpty();
    }

    @Test
    void instancesAreTakenInTurn() {
        ServiceInstances session = new ServiceInstances("session-service", List.of("http://127.0.0.1:8082", " http://127.0.0.1:8092 "));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ports.add(session.next().port());
        }
        assertThat(ports).containsExactly(8082, 8092, 8082, 8092);
    }

    @Test
    void anUnusableInstanceIsSkippedUntilItIsUsableAgain() {
        ServiceInstances session = new ServiceInstances("session-service", List.of("http://127.0.0.1:8082", "http://127.0.0.1:8092"));
        Instance second = new Instance("http", "127.0.0.1", 8092);
        session.markUnusable(second);
        assertThat(List.of(session.next(), session.next(), session.next())).extracting(Instance::port).containsOnly(8082);
        session.markUsable(second);
        assertThat(List.of(session.next(), session.next())).extracting(Instance::port).containsExactlyInAnyOrder(8082, 8092);
    }

    @Test
    void whenNoInstanceIsUsableAllAreTakenInTurn() {
        ServiceInstances session = new ServiceInstances("session-service", List.of("http://127.0.0.1:8082", "http://127.0.0.1:8092"));
        session.balanced().forEach(session::markUnusable);
        assertThat(List.of(session.next(), session.next())).extracting(Instance::port).containsExactlyInAnyOrder(8082, 8092);
    }

    @Test
    void anUnusableInstanceStillServesTheSessionsItsSidsName() {
        ServiceInstances chat = new ServiceInstances("chat-service", List.of("http://127.0.0.1:8083", "http://127.0.0.1:8093"));
        chat.markUnusable(new Instance("http", "127.0.0.1", 8093));
        assertThat(chat.byAuthority("127.0.0.1:8093")).isPresent();
    }

    @Test
    void aNameThatDoesNotResolveYetIsKeptAndRoutedTo() {
        ServiceInstances token = new ServiceInstances("token-service", List.of("http://token-service.invalid:8084"));
        assertThat(token.next()).isEqualTo(new Instance("http", "token-service.invalid", 8084));
    }

    @Test
    void onlyHttpUrlsWithAHostAreAccepted() {
        assertThatThrownBy(() -> new ServiceInstances("chat-service", List.of("ftp://x:21")))
                .hasMessageContaining("must be http(s)://host:port");
        assertThatThrownBy(() -> new ServiceInstances("chat-service", List.of()))
                .hasMessageContaining("no URL configured for chat-service");
    }

    @Test
    void aSidPrefixIsTheBase64urlOfHostAndPort() {
        String sid = EngineIoSid.prefixOf("127.0.0.1:8093") + ".abc";
        assertThat(EngineIoSid.authority(sid)).contains("127.0.0.1:8093");
        assertThat(EngineIoSid.prefixOf("127.0.0.1:8093")).isEqualTo("MTI3LjAuMC4xOjgwOTM");
        assertThat(EngineIoSid.authority("MTI3LjAuMC4x.abc")).isEmpty();
        assertThat(EngineIoSid.hasPrefix("plainsid")).isFalse();
    }
}
