package com.astro.token.token;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import com.astro.token.agora.AgoraNames;

import tools.jackson.databind.JsonNode;

/**
 * A token request, read strictly by hand rather than by data binding: binding would quietly turn {@code 12.5}
 * into 12 or {@code true} into "true". In a JSON body a number uid is a numeric Agora uid and a string uid a
 * user account; in a query string (the seed's GET) a uid of digits only is numeric, anything else an account.
 * Only the fields below are accepted.
 */
record TokenRequest(String channelName, RequestedUid uid) {

    private static final List<String> FIELDS = List.of("channelName", "uid");

    static TokenRequest fromBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw badRequest("The body must be a JSON object like {\"channelName\": \"...\", \"uid\": \"...\"}");
        }
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (!FIELDS.contains(property.getKey())) {
                throw badRequest("Unknown field '" + property.getKey() + "'; allowed fields are " + FIELDS);
            }
        }
        JsonNode channel = body.get("channelName");
        String channelName;
        if (channel != null && !channel.isNull()) {
            if (!channel.isString()) {
                throw badRequest("'channelName' must be a string, got " + channel);
            }
            channelName = channelName(channel.stringValue());
        }
        else {
            throw badRequest("'channelName' is required");
        }
        return new TokenRequest(channelName, uidFromJson(body.get("uid")));
    }

    static TokenRequest fromQuery(String channelName, String uid) {
        if (channelName == null) {
            throw badRequest("The query parameter 'channelName' is required");
        }
        RequestedUid requested;
        if (uid == null || uid.isEmpty()) {
            requested = new RequestedUid.Own();
        }
        else if (uid.chars().allMatch(c -> c >= '0' && c <= '9')) {
            requested = new RequestedUid.Numeric(numeric(uid.length() > 10 ? -1 : Long.parseLong(uid), uid));
        }
        else {
            requested = account(uid);
        }
        return new TokenRequest(channelName(channelName), requested);
    }

    private static RequestedUid uidFromJson(JsonNode uid) {
        if (uid == null || uid.isNull()) {
            return new RequestedUid.Own();
        }
        if (uid.isString()) {
            return account(uid.stringValue());
        }
        if (uid.isIntegralNumber() && uid.canConvertToLong()) {
            return new RequestedUid.Numeric(numeric(uid.longValue(), uid.toString()));
        }
        throw badRequest("'uid' must be a string user account or a whole number from 1 to "
                + AgoraNames.MAX_NUMERIC_UID + ", got " + uid);
    }

    private static long numeric(long value, String given) {
        if (value < 1 || value > AgoraNames.MAX_NUMERIC_UID) {
            throw badRequest("A numeric 'uid' is a whole number from 1 to " + AgoraNames.MAX_NUMERIC_UID
                    + " (0 would admit any uid), got " + given);
        }
        return value;
    }

    private static RequestedUid account(String account) {
        if (!AgoraNames.isUserAccount(account)) {
            throw badRequest("A string 'uid' is 1 to " + AgoraNames.MAX_ACCOUNT_BYTES + " bytes of "
                    + AgoraNames.ALLOWED_DESCRIPTION);
        }
        return new RequestedUid.Account(account);
    }

    private static String channelName(String channelName) {
        if (!AgoraNames.isChannelName(channelName)) {
            throw badRequest("'channelName' is 1 to " + AgoraNames.MAX_CHANNEL_BYTES + " bytes of "
                    + AgoraNames.ALLOWED_DESCRIPTION);
        }
        return channelName;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
