package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.astro.infra.PrometheusScrape;

/**
 * The session domain's meters at {@code /actuator/prometheus}, scraped without a token after real sessions. The
 * application context is shared with the other tests, so each test compares scrapes before and after.
 */
class SessionMetricsTest extends SessionTestSupport {

    @LocalServerPort
    int port;

    private PrometheusScrape scrape() {
        return PrometheusScrape.of("http://localhost:" + port);
    }

    private void end(String userId, String sessionId) {
        post("/api/sessions/end", token(userId, "user"), Map.of("sessionId", sessionId)).expectStatus().isOk();
    }

    @Test
    void startedAndAcceptedSessionsAreCounted() {
        PrometheusScrape before = scrape();

        activeChatSession(fresh("user"), fresh("astro"), 10, 100);

        PrometheusScrape after = scrape();
        assertThat(after.sum("sessions_started_total")).isEqualTo(before.sum("sessions_started_total") + 1);
        assertThat(after.sum("sessions_accepted_total")).isEqualTo(before.sum("sessions_accepted_total") + 1);
    }

    @Test
    void endedSessionsAreCountedByReasonAndEveryReasonIsServedFromTheStart() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 100);
        PrometheusScrape before = scrape();

        end(user, id);

        PrometheusScrape after = scrape();
        assertThat(after.sum("sessions_ended_total", "reason", "completed"))
                .isEqualTo(before.sum("sessions_ended_total", "reason", "completed") + 1);
        assertThat(after.has("sessions_ended_total", "reason", "balance_exhausted")).isTrue();
        assertThat(after.has("sessions_ended_total", "reason", "rejected")).isTrue();
    }

    @Test
    void coinsChargedForASessionAreCounted() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 100);
        CLOCK.advance(Duration.ofSeconds(61));
        double before = scrape().sum("wallet_coins_debited_coins_total");

        end(user, id);

        assertThat(scrape().sum("wallet_coins_debited_coins_total")).isEqualTo(before + 20);
    }

    @Test
    void kafkaClientMetricsAreServedUnderTheApplicationsName() {
        PrometheusScrape scrape = scrape();

        assertThat(scrape.has("kafka_consumer_fetch_manager_records_lag_max")).isTrue();
        assertThat(scrape.has("kafka_producer_record_send_total", "application", "session-service")).isTrue();
    }
}
