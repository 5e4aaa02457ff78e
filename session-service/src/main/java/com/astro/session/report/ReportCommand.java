package com.astro.session.report;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/sessions/{id}/report}: why the participant reports the session, 1 to 1,000 characters. */
record ReportCommand(String reason) {

    static final int MAX_REASON = 1_000;

    static final String EXAMPLE = "{\"reason\": \"asked for my phone number\"}";

    static ReportCommand fromBody(JsonNode body) {
        String reason = JsonFields.requiredString(JsonFields.object(body, EXAMPLE), "reason").strip();
        if (reason.isEmpty() || reason.codePointCount(0, reason.length()) > MAX_REASON) {
            throw Problems.badRequest("'reason' must have 1 to " + MAX_REASON + " characters");
        }
        return new ReportCommand(reason);
    }
}
