package com.astro.token.call;

import java.util.List;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;
import com.astro.token.agora.AgoraNames;

import tools.jackson.databind.JsonNode;

/**
 * A token request, read strictly with common's {@link JsonFields}. In a JSON body a number uid is a numeric Agora
 * uid and a string uid a user account; in a query string (the seed's GET) a uid of digits only is numeric, anything
 * else an account. Only the fields below are accepted.
 */
record TokenRequest(String channelName, RequestedUid uid) {

    private static final List<String> FIELDS = List.of("channelName", "uid");

    private static final String EXAMPLE = "{\"channelName\": \"...\", \"uid\": \"...\"}";

    static TokenRequest fromBody(JsonNode body) {
        JsonFields.allowOnly(JsonFields.object(body, EXAMPLE), FIELDS);
        String channelName = channelName(JsonFields.requiredString(body, "channelName"));
        return new TokenRequest(channelName, uidFromJson(body.get("uid")));
    }

    static TokenRequest fromQuery(String channelName, String uid) {
        if (channelName == null) {
            throw Problems.badRequest("The query parameter 'channelName' is required");
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
        throw Problems.badRequest("'uid' must be a string user account or a whole number from 1 to "
                + AgoraNames.MAX_NUMERIC_UID + ", got " + uid);
    }

    private static long numeric(long value, String given) {
        if (value < 1 || value > AgoraNames.MAX_NUMERIC_UID) {
            throw Problems.badRequest("A numeric 'uid' is a whole number from 1 to " + AgoraNames.MAX_NUMERIC_UID
                    + " (0 would admit any uid), got " + given);
        }
        return value;
    }

    private static RequestedUid account(String account) {
        if (!AgoraNames.isUserAccount(account)) {
            throw Problems.badRequest("A string 'uid' is 1 to " + AgoraNames.MAX_ACCOUNT_BYTES + " bytes of "
                    + AgoraNames.ALLOWED_DESCRIPTION);
        }
        return new RequestedUid.Account(account);
    }

    private static String channelName(String channelName) {
        if (!AgoraNames.isChannelName(channelName)) {
            throw Problems.badRequest("'channelName' is 1 to " + AgoraNames.MAX_CHANNEL_BYTES + " bytes of "
                    + AgoraNames.ALLOWED_DESCRIPTION);
        }
        return channelName;
    }
}
