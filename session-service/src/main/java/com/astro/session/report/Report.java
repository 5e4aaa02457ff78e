package com.astro.session.report;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A participant's report of a session for the admins to look at: one per participant and session (a unique
 * index on both), open until an admin resolves it.
 */
@Document("session_reports")
record Report(@Id String id, String sessionId, String reporterId, String reason, String status,
        Instant createdAt, Instant resolvedAt, String resolvedBy) {

    static final String OPEN = "open";

    static final String RESOLVED = "resolved";
}
