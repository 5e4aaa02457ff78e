package com.astro.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.astro.common.web.RequestIdLogging;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

/** Log lines written while handling a request carry its id and trace id, even after the work hops threads. */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdLoggingTest extends TestAppTest {

    @Test
    void aLogLineWrittenOnAnotherThreadCarriesTheRequestId(CapturedOutput output) {
        client.get().uri("/things/log?marker=m-41").header("Authorization", "Bearer " + token("user"))
                .header("X-Request-Id", "req-log-41").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("working on m-41"))).singleElement().asString().contains("[req-log-41]"));
    }

    @Test
    void aLogLineWrittenWhileHandlingARequestCarriesTheCallersTraceId(CapturedOutput output) {
        client.get().uri("/things/log?marker=t-7").header("Authorization", "Bearer " + token("user"))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("working on t-7"))).singleElement().asString()
                .containsPattern("\\[4bf92f3577b34da6a3ce929d0e0e4736,[0-9a-f]{16}\\]"));
    }

    @Test
    void onlyTheAccessorsThatLoggingNeedsAreRestoredAroundEverySignal() {
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .extracting(accessor -> accessor.getClass().getName())
                .contains(ObservationThreadLocalAccessor.class.getName())
                .anySatisfy(name -> assertThat(name).startsWith(RequestIdLogging.class.getName()))
                .noneSatisfy(name -> assertThat(name).startsWith("org.springframework.security."));
    }

    @Test
    void concurrentRequestsKeepTheirOwnIds(CapturedOutput output) {
        for (int i = 0; i < 8; i++) {
            client.get().uri("/things/log?marker=c-" + i).header("Authorization", "Bearer " + token("user"))
                    .header("X-Request-Id", "req-c-" + i).exchange().expectStatus().isOk();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (int i = 0; i < 8; i++) {
                String marker = "working on c-" + i;
                assertThat(output.getOut().lines().filter(line -> line.contains(marker)))
                        .singleElement().asString().contains("[req-c-" + i + "]");
            }
        });
    }

    @Test
    void everyRequestGetsOneAccessLogLine(CapturedOutput output) {
        client.get().uri("/things/busy").header("Authorization", "Bearer " + token("user"))
                .header("X-Request-Id", "req-access-1").exchange().expectStatus().isEqualTo(409);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("astro.access") && line.contains("requestId=req-access-1")))
                .singleElement().asString().containsPattern("GET /things/busy 409 \\d+ ms"));
    }

    @Test
    void rejectedRequestsAreAccessLoggedWithTheirStatus(CapturedOutput output) {
        client.get().uri("/things/me").header("X-Request-Id", "req-access-401").exchange().expectStatus().isUnauthorized();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("requestId=req-access-401")))
                .anySatisfy(line -> assertThat(line).contains("GET /things/me 401")));
    }

    @Test
    void aSuccessfulLongPollingRequestIsNotAccessLogged(CapturedOutput output) {
        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=s1").header("Authorization", "Bearer " + token("user"))
                .header("X-Request-Id", "req-poll-ok").exchange().expectStatus().isOk();
        client.get().uri("/things/busy").header("Authorization", "Bearer " + token("user"))
                .header("X-Request-Id", "req-after-poll").exchange().expectStatus().isEqualTo(409);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("requestId=req-after-poll"));
        assertThat(output.getOut()).doesNotContain("requestId=req-poll-ok");
    }

    @Test
    void aSuccessfulHealthProbeIsNotAccessLogged(CapturedOutput output) {
        client.get().uri("/actuator/health/readiness").header("X-Request-Id", "req-probe-ok").exchange().expectStatus().isOk();
        client.get().uri("/things/busy").header("Authorization", "Bearer " + token("user"))
                .header("X-Request-Id", "req-after-probe").exchange().expectStatus().isEqualTo(409);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .contains("requestId=req-after-probe"));
        assertThat(output.getOut()).doesNotContain("requestId=req-probe-ok");
    }

    @Test
    void aRefusedLongPollingRequestIsAccessLogged(CapturedOutput output) {
        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=s1").header("X-Request-Id", "req-poll-401")
                .exchange().expectStatus().isUnauthorized();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("requestId=req-poll-401")))
                .anySatisfy(line -> assertThat(line).contains("GET /socket.io/ 401")));
    }

    @Test
    void linesOutsideARequestHaveNoRequestIdMarker(CapturedOutput output) {
        LoggerFactory.getLogger("outside").info("no request here");
        assertThat(output.getOut().lines().filter(line -> line.contains("no request here")))
                .singleElement().asString().doesNotContain("[]");
    }
}
