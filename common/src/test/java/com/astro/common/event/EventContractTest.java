package com.astro.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins the JSON form of every event: analytics consumers read these bytes without our classes, so a
 * renamed, reordered or retyped field must fail here first. Golden files live in
 * {@code src/test/resources/events/<type>.json}; changing one is a contract change (see docs/events.md).
 */
class EventContractTest {

    static final Instant AT = Instant.parse("2026-01-31T10:15:30Z");

    static final Instant ACCEPTED = Instant.parse("2026-01-31T10:15:42.250Z");

    static final Instant ENDED = Instant.parse("2026-01-31T10:27:42.250Z");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new SessionRequested("evt-1", Topics.SESSION_REQUESTED, 1, AT, "sess_1", "user_1", "astro_1",
                        SessionType.VIDEO, 30, AT.plusSeconds(60)), SessionRequested.class),
                Arguments.of(new SessionAccepted("evt-2", Topics.SESSION_ACCEPTED, 1, ACCEPTED, "sess_1", "user_1",
                        "astro_1", SessionType.VIDEO, 30, ACCEPTED, "session_sess_1", ENDED), SessionAccepted.class),
                Arguments.of(new SessionEnded("evt-3", Topics.SESSION_ENDED, 2, ENDED, "sess_1", "user_1", "astro_1",
                        SessionType.VIDEO, EndReason.BALANCE_EXHAUSTED, "system", ACCEPTED, ENDED, 30, 12, 360,
                        "session_sess_1", 0L), SessionEnded.class),
                Arguments.of(new SessionBalanceRanLow("evt-9", Topics.SESSION_BALANCE_RAN_LOW, 1, ENDED.minusSeconds(180),
                        "sess_1", "user_1", "astro_1", 30, 95, 2, ENDED), SessionBalanceRanLow.class),
                Arguments.of(new MessageSent("evt-4", Topics.MESSAGE_SENT, 1, AT, "msg_1", "sess_1", 7, "user_1", "user",
                        "Namaste \"guruji\" \u2728", "client-7", AT), MessageSent.class),
                Arguments.of(new PresenceChanged("evt-5", Topics.PRESENCE_CHANGED, 1, AT, "astro_1", "Asha", true, false,
                        null, AT, new Rates(10L, 20L, null), 42, false, 3, 4.67), PresenceChanged.class),
                Arguments.of(new SessionRated("evt-8", Topics.SESSION_RATED, 1, ENDED, "sess_1", "user_1", "astro_1",
                        SessionType.VIDEO, 4, "Clear and kind \u2728", 2, ENDED), SessionRated.class),
                Arguments.of(new ConnectionChanged("evt-6", Topics.CHAT_CONNECTIONS, 1, AT, "astro_1", "astrologer", "Asha",
                        "chat-a", "conn-9", true), ConnectionChanged.class),
                Arguments.of(new ChatInstanceHeartbeat("evt-7", Topics.CHAT_HEARTBEATS, 1, AT, "chat-a", 10000,
                        List.of(new ChatInstanceHeartbeat.Connection("astro_1", "astrologer", "conn-9"),
                                new ChatInstanceHeartbeat.Connection("user_1", "user", "conn-10"))),
                        ChatInstanceHeartbeat.class));
    }

    static String golden(String type) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/events/" + type + ".json")) {
            assertThat(in).as("golden file events/%s.json", type).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @ParameterizedTest(name = "{1} is written exactly as its golden file")
    @MethodSource("events")
    void serializedFormEqualsTheGoldenFile(DomainEvent event, Class<? extends DomainEvent> type) throws IOException {
        assertThat(EventJson.write(event)).isEqualTo(golden(event.type()));
    }

    @ParameterizedTest(name = "{1} round-trips")
    @MethodSource("events")
    void goldenFileReadsBackToTheSameEvent(DomainEvent event, Class<? extends DomainEvent> type) throws IOException {
        assertThat(EventJson.read(golden(event.type()), type)).isEqualTo(event);
        assertThat(EventJson.read(EventJson.write(event), type)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{1} ignores unknown fields")
    @MethodSource("events")
    void unknownFieldsAreIgnoredOnRead(DomainEvent event, Class<? extends DomainEvent> type) throws IOException {
        ObjectNode future = (ObjectNode) EventJson.mapper().readTree(golden(event.type()));
        future.put("addedInALaterVersion", "whatever");
        future.putObject("nested").put("x", 1);
        assertThat(EventJson.read(EventJson.mapper().writeValueAsString(future), type)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{1} carries the common envelope")
    @MethodSource("events")
    void everyEventCarriesTheEnvelopeFirst(DomainEvent event, Class<? extends DomainEvent> type) throws IOException {
        JsonNode json = EventJson.mapper().readTree(golden(event.type()));
        assertThat(json.propertyNames().stream().limit(4).toList())
                .containsExactly("eventId", "type", "schemaVersion", "occurredAt");
        assertThat(json.get("type").asString()).isEqualTo(event.type());
        assertThat(json.get("occurredAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    }

    @Test
    void factoriesStampTypeVersionAndAFreshEventId() {
        SessionRequested one = SessionRequested.of(AT, "s", "u", "a", SessionType.CHAT, 10, AT);
        SessionRequested two = SessionRequested.of(AT, "s", "u", "a", SessionType.CHAT, 10, AT);
        assertThat(one.type()).isEqualTo(Topics.SESSION_REQUESTED);
        assertThat(one.schemaVersion()).isEqualTo(SessionRequested.SCHEMA_VERSION);
        assertThat(one.eventId()).isNotEqualTo(two.eventId());
        assertThat(one.key()).isEqualTo("s");
    }

    @Test
    void eachEventIsKeyedByTheIdItConcerns() {
        List<DomainEvent> all = events().map(arguments -> (DomainEvent) arguments.get()[0]).toList();
        assertThat(all).extracting(DomainEvent::key)
                .containsExactly("sess_1", "sess_1", "sess_1", "sess_1", "sess_1", "astro_1", "astro_1", "astro_1", "chat-a");
    }

    @Test
    void aVersion1SessionEndedStillReadsWithNoFreeMinutes() throws IOException {
        String v1 = golden(Topics.SESSION_ENDED).replace("\"schemaVersion\":2", "\"schemaVersion\":1")
                .replace(",\"freeMinutes\":0", "");

        SessionEnded read = EventJson.read(v1, SessionEnded.class);

        assertThat(read.schemaVersion()).isEqualTo(SessionEnded.OLDEST_READABLE_VERSION);
        assertThat(read.freeMinutes()).isZero();
        assertThat(read.coinsCharged()).isEqualTo(360);
    }

    @Test
    void aPresenceChangedWrittenBeforeConnectionLostExistedReadsAsNotLost() throws IOException {
        String older = golden(Topics.PRESENCE_CHANGED).replace(",\"connectionLost\":false", "");

        assertThat(EventJson.read(older, PresenceChanged.class).connectionLost()).isFalse();
    }

    @Test
    void enumsTravelAsLowerCaseWireNames() {
        for (SessionType type : SessionType.values()) {
            assertThat(EventJson.mapper().writeValueAsString(type)).isEqualTo("\"" + type.name().toLowerCase() + "\"");
        }
        for (EndReason reason : EndReason.values()) {
            assertThat(EventJson.mapper().writeValueAsString(reason)).isEqualTo("\"" + reason.name().toLowerCase() + "\"");
            assertThat(EventJson.mapper().readValue("\"" + reason.wireName() + "\"", EndReason.class)).isEqualTo(reason);
        }
    }

    @Test
    void instantsKeepMillisecondsAndUtc() {
        String json = EventJson.write(SessionAccepted.of(ACCEPTED, "s", "u", "a", SessionType.CHAT, 10, ACCEPTED, null));
        assertThat(json).contains("\"acceptedAt\":\"2026-01-31T10:15:42.250Z\"");
    }
}
