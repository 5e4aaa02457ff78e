package com.astro.chat.realtime;

import java.util.List;
import java.util.Map;

import com.astro.chat.ChatRefusal;

/** Reads client payloads (decoded JSON: maps, lists, strings, numbers) strictly; anything else is invalid_payload. */
final class Payloads {

    private Payloads() {
    }

    static Map<?, ?> object(String event, List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof Map<?, ?> map)) {
            throw invalid(event + " takes an object payload");
        }
        return map;
    }

    static String requiredString(Map<?, ?> payload, String field) {
        Object value = payload.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(field + " must be a non-empty string");
        }
        return text;
    }

    /** A string field that may be absent; present, it must be a string. */
    static String optionalString(Map<?, ?> payload, String field, int maxLength) {
        Object value = payload.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isEmpty() || text.length() > maxLength) {
            throw invalid(field + " must be a string of 1 to " + maxLength + " characters");
        }
        return text;
    }

    /** A field that must be a string but may be empty (the text, checked for emptiness by the service). */
    static String string(Map<?, ?> payload, String field) {
        if (!(payload.get(field) instanceof String text)) {
            throw invalid(field + " must be a string");
        }
        return text;
    }

    /** A sequence number field that may be absent: a whole number >= 0. */
    static Long optionalSeq(Map<?, ?> payload, String field) {
        Object value = payload.get(field);
        if (value == null) {
            return null;
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return ((Number) value).longValue();
        }
        throw invalid(field + " must be a whole number >= 0");
    }

    /** A sequence number field that must be present: a whole number >= 1. */
    static long requiredSeq(Map<?, ?> payload, String field) {
        Object value = payload.get(field);
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1) {
            return ((Number) value).longValue();
        }
        throw invalid(field + " must be a whole number >= 1");
    }

    /** The string value of a field for error reports, whatever its type was. */
    static String peek(List<Object> args, String field) {
        if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> map && map.get(field) instanceof String text) {
            return text;
        }
        return null;
    }

    static ChatRefusal invalid(String message) {
        return new ChatRefusal(ChatRefusal.INVALID_PAYLOAD, message);
    }
}
