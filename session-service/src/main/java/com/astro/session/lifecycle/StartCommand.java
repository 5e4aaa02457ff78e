package com.astro.session.lifecycle;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;
import com.astro.common.event.SessionType;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/sessions/start}: the rate the client saw, if sent, is only compared with the current one. */
record StartCommand(String astrologerId, SessionType sessionType, Long ratePerMinute) {

    static final long MAX_RATE = 1_000_000_000L;

    static StartCommand fromBody(JsonNode body) {
        JsonNode object = JsonFields.object(body, "{\"astrologerId\": \"astro_1\", \"sessionType\": \"chat\"}");
        String astrologerId = JsonFields.requiredId(object, "astrologerId");
        String type = JsonFields.requiredString(object, "sessionType");
        SessionType sessionType = SessionType.fromWireName(type);
        if (sessionType == null) {
            throw Problems.badRequest("'sessionType' must be one of chat, audio, video, got '" + type + "'");
        }
        Long rate = JsonFields.optionalLong(object, "ratePerMinute", 1, MAX_RATE);
        return new StartCommand(astrologerId, sessionType, rate);
    }
}
