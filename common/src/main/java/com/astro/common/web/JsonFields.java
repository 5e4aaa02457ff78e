package com.astro.common.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.JsonNode;

/**
 * The one way services read a JSON request body: field by field, strictly, by hand, because data binding would
 * quietly turn {@code 12.5} into 12 or {@code true} into "true", and money and ids deserve a precise 400 naming
 * the field. Unknown fields are ignored unless the endpoint lists what it accepts ({@link #allowOnly}): the seed's
 * clients send extra ones (duration, ratePerMinute) to some endpoints.
 */
public final class JsonFields {

    /** Clerk ids look like {@code user_2abc...}; anything printable and short enough is accepted. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:@|-]{1,128}");

    private JsonFields() {
    }

    public static JsonNode object(JsonNode body, String example) {
        if (body == null || !body.isObject()) {
            throw badRequest("The body must be a JSON object like " + example);
        }
        return body;
    }

    /** Refuses any field not in {@code allowed}. */
    public static JsonNode allowOnly(JsonNode body, List<String> allowed) {
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (!allowed.contains(property.getKey())) {
                throw badRequest("Unknown field '" + property.getKey() + "'; allowed fields are " + allowed);
            }
        }
        return body;
    }

    public static String requiredString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw badRequest("'" + field + "' is required");
        }
        if (!node.isString()) {
            throw badRequest("'" + field + "' must be a string, got " + node);
        }
        return node.stringValue();
    }

    public static String requiredId(JsonNode body, String field) {
        return id(requiredString(body, field), field);
    }

    public static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw badRequest("'" + what + "' must be 1 to 128 characters of letters, digits and _ . : @ | -");
        }
        return value;
    }

    /** An optional whole number from {@code min} to {@code max}; null when absent. */
    public static Long optionalLong(JsonNode body, String field, long min, long max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw badRequest("'" + field + "' must be a whole number, got " + node);
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw badRequest("'" + field + "' must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    public static long requiredLong(JsonNode body, String field, long min, long max) {
        Long value = optionalLong(body, field, min, max);
        if (value == null) {
            throw badRequest("'" + field + "' is required");
        }
        return value;
    }

    /** A number the seed's clients send that the server ignores: it is only checked to be a number. */
    public static void ignoredNumber(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node != null && !node.isNull() && !node.isNumber()) {
            throw badRequest("'" + field + "' must be a number when sent (it is ignored), got " + node);
        }
    }

    private static ResponseStatusException badRequest(String detail) {
        return Problems.badRequest(detail);
    }
}
