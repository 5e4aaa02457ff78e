package com.astro.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The event contracts published for consumers, {@code docs/events/<topic>.schema.json}, as a check: tests hold
 * the events the code really writes against them, so the documents cannot drift from the code.
 */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The repository's {@code docs/events}, found from the working directory (a module or the root). */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/events"))) {
                return dir.resolve("docs/events");
            }
        }
        throw new IllegalStateException("no docs/events above " + Path.of("").toAbsolutePath());
    }

    /** The schema file of a topic's events. */
    public static Path file(String topic) {
        return directory().resolve(topic + ".schema.json");
    }

    /** What is wrong with {@code json} as an event of {@code topic}; empty when it conforms. */
    public static List<String> violations(String topic, String json) {
        Schema schema = SCHEMAS.computeIfAbsent(topic, EventSchemas::load);
        return schema.validate(json, InputFormat.JSON).stream().map(error -> error.toString()).toList();
    }

    /** Every record now on {@code topic} that does not conform, each with its violations. */
    public static List<String> violationsOnTopic(String bootstrapServers, String topic) {
        return TopicRecords.values(bootstrapServers, topic).stream()
                .flatMap(value -> violations(topic, value).stream().map(violation -> violation + " in " + value))
                .toList();
    }

    private static Schema load(String topic) {
        Path file = file(topic);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("topic " + topic + " has no schema: " + file + " is missing");
        }
        try {
            return REGISTRY.getSchema(Files.readString(file), InputFormat.JSON);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
