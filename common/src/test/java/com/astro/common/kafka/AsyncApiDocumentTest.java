package com.astro.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.core.KafkaAdmin;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.astro.common.event.EventJson;
import com.astro.common.event.Topics;
import com.astro.infra.EventSchemas;

import tools.jackson.databind.node.ObjectNode;

/**
 * docs/asyncapi.yaml and docs/events/*.schema.json against the code: one channel per topic in {@link Topics},
 * each message's payload the topic's JSON Schema, every golden event and every example conforming, and the
 * compacted topics those the code declares compacted.
 */
class AsyncApiDocumentTest {

    private static final Path DOCS = EventSchemas.directory().getParent();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asyncApi() {
        try {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(DOCS.resolve("asyncapi.yaml")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> channels() {
        return (Map<String, Map<String, Object>>) asyncApi().get("channels");
    }

    /** Topic name → the channel of that address. */
    private static Map<String, Map<String, Object>> channelsByTopic() {
        return channels().values().stream().collect(Collectors.toMap(channel -> (String) channel.get("address"),
                channel -> channel));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> messages() {
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) asyncApi().get("components")).get("messages");
    }

    static List<String> topics() {
        return Arrays.stream(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(AsyncApiDocumentTest::value).toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String golden(String topic) throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/events/" + topic + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static String messageName(Map<String, Object> channel) {
        return ((Map<String, Object>) channel.get("messages")).keySet().iterator().next();
    }

    /** The topics common declares; KafkaAdmin reads NewTopics through a package-private getter, so do we. */
    @SuppressWarnings("unchecked")
    private static Collection<NewTopic> declaredTopics() throws ReflectiveOperationException {
        KafkaAdmin.NewTopics topics = new AstroKafkaAutoConfiguration()
                .astroTopics(new KafkaProperties(4, (short) 1, Duration.ofSeconds(10)));
        Method getter = KafkaAdmin.NewTopics.class.getDeclaredMethod("getNewTopics");
        getter.setAccessible(true);
        return (Collection<NewTopic>) getter.invoke(topics);
    }

    @Test
    void theDocumentIsAsyncApi3() {
        assertThat(asyncApi().get("asyncapi")).isEqualTo("3.0.0");
    }

    @Test
    void everyTopicHasAChannelAndEveryChannelIsATopic() {
        assertThat(channelsByTopic().keySet()).containsExactlyInAnyOrderElementsOf(topics());
    }

    @ParameterizedTest
    @MethodSource("topics")
    @SuppressWarnings("unchecked")
    void eachTopicsMessageCarriesItsJsonSchemaAndAStringKey(String topic) {
        Map<String, Object> message = messages().get(messageName(channelsByTopic().get(topic)));
        Map<String, Object> payload = (Map<String, Object>) message.get("payload");
        assertThat(payload.get("schemaFormat")).isEqualTo("application/schema+json;version=draft-2020-12");
        assertThat(((Map<String, Object>) payload.get("schema")).get("$ref")).isEqualTo("./events/" + topic + ".schema.json");
        assertThat(EventSchemas.file(topic)).isRegularFile();
        Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) message.get("bindings")).get("kafka");
        assertThat(((Map<String, Object>) kafka.get("key")).get("type")).isEqualTo("string");
    }

    @ParameterizedTest
    @MethodSource("topics")
    @SuppressWarnings("unchecked")
    void eachTopicsExampleConformsToItsSchema(String topic) {
        Map<String, Object> message = messages().get(messageName(channelsByTopic().get(topic)));
        List<Map<String, Object>> examples = (List<Map<String, Object>>) message.get("examples");
        assertThat(examples).isNotEmpty();
        for (Map<String, Object> example : examples) {
            String json = EventJson.mapper().writeValueAsString(example.get("payload"));
            assertThat(EventSchemas.violations(topic, json)).as(json).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void everyGoldenEventConformsToItsSchema(String topic) throws IOException {
        String golden = golden(topic);
        if (topic.equals(Topics.CHAT_RELAY)) {
            // chat-service's own record: its events are checked in chat-service's tests
            assertThat(golden).isNull();
            return;
        }
        assertThat(golden).as("golden file events/%s.json", topic).isNotNull();
        assertThat(EventSchemas.violations(topic, golden)).isEmpty();
    }

    @Test
    void aMissingFieldIsAViolation() throws IOException {
        ObjectNode event = (ObjectNode) EventJson.mapper().readTree(golden(Topics.SESSION_ENDED));
        event.remove("coinsCharged");
        assertThat(EventSchemas.violations(Topics.SESSION_ENDED, event.toString())).singleElement().asString()
                .contains("coinsCharged");
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsAViolationSoTheCodeCannotOutgrowTheDocument() throws IOException {
        ObjectNode event = (ObjectNode) EventJson.mapper().readTree(golden(Topics.MESSAGE_SENT));
        event.put("editedAt", "2026-01-31T10:15:30Z");
        assertThat(EventSchemas.violations(Topics.MESSAGE_SENT, event.toString())).singleElement().asString()
                .contains("editedAt");
    }

    @Test
    void anUnknownEnumValueOrALocalTimeIsAViolation() throws IOException {
        ObjectNode event = (ObjectNode) EventJson.mapper().readTree(golden(Topics.SESSION_ENDED));
        event.put("reason", "refunded");
        event.put("endedAt", "2026-01-31T10:27:42");
        assertThat(EventSchemas.violations(Topics.SESSION_ENDED, event.toString())).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTopicsDocumentedAsCompactedAreTheOnesTheCodeDeclaresCompacted() throws ReflectiveOperationException {
        Collection<NewTopic> declared = declaredTopics();
        Set<String> compactedInCode = declared.stream()
                .filter(topic -> topic.configs() != null && TopicConfig.CLEANUP_POLICY_COMPACT
                        .equals(topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG)))
                .map(NewTopic::name).collect(Collectors.toSet());
        Set<String> compactedInDocument = channelsByTopic().entrySet().stream()
                .filter(entry -> {
                    Map<String, Object> kafka = (Map<String, Object>) ((Map<String, Object>) entry.getValue()
                            .get("bindings")).get("kafka");
                    return ((List<String>) ((Map<String, Object>) kafka.get("topicConfiguration")).get("cleanup.policy"))
                            .contains("compact");
                })
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        assertThat(compactedInDocument).isEqualTo(compactedInCode).containsExactly(Topics.PRESENCE_CHANGED);
    }

    @Test
    void theDocumentSaysHowLongRecordsAreKeptAndHowToReplayFromTheBeginning() {
        String description = (String) ((Map<?, ?>) asyncApi().get("info")).get("description");
        assertThat(description).contains("## Retention", "## Replaying from the beginning", "auto.offset.reset=earliest",
                "--reset-offsets --to-earliest");
    }
}
