package com.astro.presence.astrologer;

import java.util.List;

import com.astro.common.event.Rates;
import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;
import com.astro.presence.config.PresenceProperties.RateRange;

import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code PUT .../rates} body strictly with common's {@link JsonFields}. The body replaces all rates: each of
 * {@code chat}, {@code audio}, {@code video} is a whole number in the configured range, or null/absent for a
 * session type the astrologer does not offer; at least one must be set and no other field is accepted. A rate is
 * checked here rather than by {@link JsonFields#optionalLong}, whose message would not say that it is coins per
 * minute.
 */
final class RatesRequest {

    private static final List<String> FIELDS = List.of("chat", "audio", "video");

    private static final String EXAMPLE = "{\"chat\": 10, \"audio\": 20, \"video\": 30}";

    private RatesRequest() {
    }

    static Rates parse(JsonNode body, RateRange range) {
        JsonFields.allowOnly(JsonFields.object(body, EXAMPLE), FIELDS);
        Long chat = rate(body, "chat", range);
        Long audio = rate(body, "audio", range);
        Long video = rate(body, "video", range);
        if (chat == null && audio == null && video == null) {
            throw Problems.badRequest("Set at least one of " + FIELDS);
        }
        return new Rates(chat, audio, video);
    }

    private static Long rate(JsonNode body, String field, RateRange range) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String rule = "'" + field + "' must be a whole number of coins per minute from " + range.min() + " to "
                + range.max();
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw Problems.badRequest(rule + ", got " + value);
        }
        long rate = value.longValue();
        if (rate < range.min() || rate > range.max()) {
            throw Problems.badRequest(rule + ", got " + rate);
        }
        return rate;
    }
}
