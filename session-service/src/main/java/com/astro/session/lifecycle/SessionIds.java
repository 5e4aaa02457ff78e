package com.astro.session.lifecycle;

import java.util.regex.Pattern;

import org.bson.types.ObjectId;


import tools.jackson.databind.JsonNode;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;

/** Session ids are Mongo ObjectIds in hex: 24 characters, so channel names stay short. */
final class SessionIds {

    private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");

    private SessionIds() {
    }

    static String next() {
        return new ObjectId().toHexString();
    }

    static boolean isValid(String id) {
        return id != null && HEX24.matcher(id).matches();
    }

    /** The {@code sessionId} of a body like {@code {"sessionId": "..."}}, or a 400. */
    static String fromBody(JsonNode body) {
        JsonNode object = JsonFields.object(body, "{\"sessionId\": \"665f1c2e9b1e8a0012345678\"}");
        String id = JsonFields.requiredString(object, "sessionId");
        if (!isValid(id)) {
            throw Problems.badRequest("'sessionId' must be a session id (24 lowercase hex characters), got '"
                    + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
        }
        return id;
    }
}
