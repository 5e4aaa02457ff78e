package com.astro.session.report;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.security.CurrentUser;
import com.astro.session.session.SessionService;
import com.astro.session.web.ApiProblems;
import com.astro.session.web.JsonFields;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Reports of sessions: a participant reports a session (abuse, contact requests, no-show), admins list the open
 * ones and resolve them.
 */
@RestController
public class ReportController implements ApplicationRunner {

    static final int MAX_REASON = 1_000;

    static final int LIST_LIMIT = 100;

    private final SessionService sessions;

    private final ReportStore reports;

    private final Clock clock;

    ReportController(SessionService sessions, ReportStore reports, Clock clock) {
        this.sessions = sessions;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        reports.createIndexes().block();
    }

    /** 201 with the new report; 200 with the earlier one when the caller already reported this session. */
    @PostMapping("/api/sessions/{id}/report")
    public Mono<ResponseEntity<Report>> report(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return Mono.defer(() -> {
            String reason = JsonFields.requiredString(JsonFields.object(body, "{\"reason\": \"asked for my phone number\"}"),
                    "reason").strip();
            if (reason.isEmpty() || reason.codePointCount(0, reason.length()) > MAX_REASON) {
                return Mono.error(JsonFields.badRequest("'reason' must have 1 to " + MAX_REASON + " characters"));
            }
            // admins see every session, yet only its participants report it
            return sessions.get(caller, id)
                    .filter(session -> session.hasParticipant(caller.id()))
                    .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("No session " + id)))
                    .flatMap(session -> reports.create(new Report(UUID.randomUUID().toString(), session.id(), caller.id(),
                            reason, Report.OPEN, clock.instant(), null, null)))
                    .map(created -> created.isNew()
                            ? ResponseEntity.created(URI.create("/api/sessions/reports/" + created.report().id())).body(created.report())
                            : ResponseEntity.ok(created.report()));
        });
    }

    @GetMapping("/api/sessions/reports")
    public Mono<List<Report>> list(@AuthenticationPrincipal CurrentUser caller,
            @RequestParam(defaultValue = Report.OPEN) String status) {
        return Mono.defer(() -> {
            requireAdmin(caller);
            if (!Report.OPEN.equals(status) && !Report.RESOLVED.equals(status)) {
                return Mono.error(JsonFields.badRequest("'status' must be open or resolved, got '"
                        + (status.length() > 40 ? status.substring(0, 40) : status) + "'"));
            }
            return reports.withStatus(status, LIST_LIMIT).collectList();
        });
    }

    @PostMapping("/api/sessions/reports/{reportId}/resolve")
    public Mono<Report> resolve(@AuthenticationPrincipal CurrentUser caller, @PathVariable String reportId) {
        return Mono.defer(() -> {
            requireAdmin(caller);
            return reports.resolve(reportId, caller.id(), clock.instant())
                    .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("No report " + (reportId.length() > 40
                            ? reportId.substring(0, 40) : reportId))));
        });
    }

    private static void requireAdmin(CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw ApiProblems.forbidden("Only an admin may list or resolve reports");
        }
    }
}
