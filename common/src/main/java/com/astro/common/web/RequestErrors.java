package com.astro.common.web;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.TypeMismatchException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Phrases what was wrong with a request the way a client developer needs to hear it. */
final class RequestErrors {

    private static final int MAX_ECHO = 160;

    private RequestErrors() {
    }

    static String tooLarge(ServerWebExchange exchange) {
        Long limit = exchange.getAttribute(BodySizeLimit.LIMIT_ATTRIBUTE);
        return limit == null ? "The request body is too large"
                : "The request body is larger than the " + limit + " bytes this service accepts";
    }

    static String inputDetail(ServerWebInputException input) {
        MismatchedInputException mismatch = find(input, MismatchedInputException.class);
        if (mismatch != null) {
            return mismatchDetail(mismatch);
        }
        StreamReadException malformed = find(input, StreamReadException.class);
        if (malformed != null) {
            return "The request body is not valid JSON: " + echo(malformed.getOriginalMessage());
        }
        JacksonException jackson = find(input, JacksonException.class);
        if (jackson != null) {
            String field = field(jackson);
            return "The request body could not be read" + (field.isEmpty() ? "" : " at field '" + field + "'")
                    + ": " + echo(jackson.getOriginalMessage());
        }
        TypeMismatchException type = find(input, TypeMismatchException.class);
        if (type != null) {
            String name = input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null
                    ? input.getMethodParameter().getParameterName() : type.getPropertyName();
            return "Parameter '" + name + "' must be " + describe(type.getRequiredType()) + ", got '"
                    + echo(String.valueOf(type.getValue())) + "'";
        }
        String reason = input.getReason();
        if (reason != null && reason.startsWith("No request body")) {
            return "A JSON request body is required";
        }
        return reason == null ? "The request could not be read" : reason;
    }

    private static String mismatchDetail(MismatchedInputException mismatch) {
        String field = field(mismatch);
        String message = mismatch.getOriginalMessage() == null ? "" : mismatch.getOriginalMessage();
        if (mismatch instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + (field.isEmpty() ? unknown.getPropertyName() : field) + "'";
        }
        if (message.startsWith("Missing required creator property")) {
            int start = message.indexOf('\'');
            int end = message.indexOf('\'', start + 1);
            String missing = start >= 0 && end > start ? message.substring(start + 1, end) : field;
            return "Field '" + missing + "' is required";
        }
        if (field.isEmpty()) {
            return mismatch.getTargetType() == null ? "The request body has the wrong shape"
                    : "The request body must be " + describe(mismatch.getTargetType());
        }
        if (message.contains("null") && mismatch.getTargetType() != null && mismatch.getTargetType().isPrimitive()) {
            return "Field '" + field + "' is required";
        }
        return "Field '" + field + "' must be " + describe(mismatch.getTargetType());
    }

    /** The JSON path of the failure: {@code rates.chat}, {@code items[2].id}. */
    static String field(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T10:15:30Z";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-01-31";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT30S";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(RequestErrors::wireName)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String wireName(Object constant) {
        for (Method method : constant.getClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                try {
                    method.setAccessible(true);
                    return String.valueOf(method.invoke(constant));
                }
                catch (ReflectiveOperationException | RuntimeException ex) {
                    break;
                }
            }
        }
        return ((Enum<?>) constant).name();
    }

    /** Client text echoed in a detail is cut short: details are for humans, not a reflection channel. */
    private static String echo(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > MAX_ECHO ? line.substring(0, MAX_ECHO) + "..." : line;
    }

    /**
     * Classes (by name: common does not depend on the drivers) whose presence in a failure's causes means a store
     * or the broker cannot be reached right now: the request may succeed later, so it is a 503, not a bug.
     */
    private static final Set<String> UNAVAILABLE = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoSocketException",
            "org.apache.kafka.common.errors.TimeoutException");

    static boolean unavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (UNAVAILABLE.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    static final String UNAVAILABLE_DETAIL = "A store this service depends on cannot be reached right now; "
            + "nothing was changed, try again shortly";

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
