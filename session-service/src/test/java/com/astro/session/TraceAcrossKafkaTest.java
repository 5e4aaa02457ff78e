package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import com.astro.common.event.Topics;
import com.astro.infra.TestInfra;
import com.astro.infra.TopicRecords;

/**
 * One trace from a REST call through Kafka into a consumer of another application: the caller's trace id (as the
 * gateway forwards it in {@code traceparent}) is in the record's {@code traceparent} header and in the MDC and
 * log lines of the consumer that handles the record.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceAcrossKafkaTest extends SessionTestSupport {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void theTraceOfARequestContinuesThroughKafkaIntoAnotherApplicationsConsumer(CapturedOutput output) {
        String user = fresh("user");
        String astrologer = fresh("astro");
        onlineAstrologer(astrologer, 10);
        credit(user, 100);

        try (ConfigurableApplicationContext consumer = SessionRequestedConsumer.start()) {
            String sessionId = (String) web.post().uri("/api/sessions/start")
                    .header("Authorization", "Bearer " + token(user, "user"))
                    .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("astrologerId", astrologer, "sessionType", "chat"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                    .get("id");

            assertThat(traceparentOfRecord(sessionId)).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
            await().atMost(Duration.ofSeconds(60)).until(() -> SessionRequestedConsumer.TRACE_IDS.containsKey(sessionId));
            assertThat(SessionRequestedConsumer.TRACE_IDS.get(sessionId)).isEqualTo(TRACE_ID);
            assertThat(output.getOut().lines().filter(line -> line.contains("handled session-requested " + sessionId)))
                    .singleElement().asString().contains(TRACE_ID);
        }
    }

    private static String traceparentOfRecord(String sessionId) {
        ConsumerRecord<String, String> record = TopicRecords.records(TestInfra.shared().kafka().bootstrapServers(),
                Topics.SESSION_REQUESTED).stream().filter(r -> sessionId.equals(r.key())).findFirst().orElseThrow();
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
