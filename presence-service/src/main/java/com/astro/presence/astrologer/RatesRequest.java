package com.astro.presence.astrologer;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import com.astro.common.event.Rates;
import com.astro.presence.config.PresenceProperties.RateRange;

import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code PUT .../rates} body strictly, by hand rather than by data binding, because binding
 * would quietly turn {@code 12.5} into 12 and {@code "12"} into 12. The body replaces all rates: each of
 * {@code chat}, {@code audio}, {@code video} is a whole number in the configured range, or null/absent for a
 * session type the astrologer does not offer; at least one must be set and no other field is accepted.
 */
final class RatesRequest {

    private static final List<String> FIELDS = List.of("chat", "audio", "video");

    private RatesRequest() {
    }

    static Rates parse(JsonNode body, RateRange range) {
        if (body == null || !body.isObject()) {
            throw badRequest("The body must be a JSON object like {\"chat\": 10, \"audio\": 20, \"video\": 30}");
        }
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (!FIELDS.contains(property.getKey())) {
                throw badRequest("Unknown field '" + property.getKey() + "'; allowed fields are " + FIELDS);
            }
        }
        Long chat = rate(body, "chat", range);
        Long audio = rate(body, "audio", range);
        Long video = rate(body, "video", range);
        if (chat == null && audio == null && video == null) {
            throw badRequest("Set at least one of " + FIELDS);
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
            throw badRequest(rule + ", got " + value);
        }
        long rate = value.longValue();
        if (rate < range.min() || rate > range.max()) {
            throw badRequest(rule + ", got " + rate);
        }
        return rate;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

}
