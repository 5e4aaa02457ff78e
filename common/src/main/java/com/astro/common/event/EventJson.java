package com.astro.common.event;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of events, shared by producers and consumers. Events travel as UTF-8 JSON
 * strings so that any analytics consumer can read them without our classes; dates are ISO-8601
 * strings. Unknown fields are ignored so that adding a field is a compatible change.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static String write(DomainEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    public static <T extends DomainEvent> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
