package com.astro.session.report;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.web.Problems;
import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;
import com.astro.session.lifecycle.SessionService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Reports of sessions: a participant reports a session (abuse, contact requests, no-show), admins list the open
 * ones and resolve them.
 */
@RestController
@Tag(name = "reports", description = "Participants report sessions; admins list and resolve the reports")
class ReportController {

    static final int LIST_LIMIT = 100;

    private final SessionService sessions;

    private final ReportStore reports;

    private final Clock clock;

    ReportController(SessionService sessions, ReportStore reports, Clock clock) {
        this.sessions = sessions;
        this.reports = reports;
        this.clock = clock;
    }

    /** 201 with the new report; 200 with the earlier one when the caller already reported this session. */
    @PostMapping("/api/sessions/{id}/report")
    @Operation(summary = "A participant reports a session", description = "One report per participant and session: "
            + "a repeat (or a concurrent call) answers the first report with 200.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            schema = @Schema(type = "object", requiredProperties = "reason"), schemaProperties =
                    @SchemaProperty(name = "reason", schema = @Schema(type = "string", minLength = 1, maxLength = ReportCommand.MAX_REASON)),
            examples = @ExampleObject(ReportCommand.EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "The new report", content = @Content(
            schema = @Schema(implementation = Report.class), examples = @ExampleObject("""
                    {"id": "5f0c3c1e-8d7a-4f55-9a57-0c6f0e1b2a33", "sessionId": "s_8f2a", "reporterId": "user_1",
"reason": "asked for my phone number", "status": "open", "createdAt": "2026-03-01T10:15:00Z",
"resolvedAt": null, "resolvedBy": null}""")))
    @ApiResponse(responseCode = "200", description = "The caller's earlier report of this session", content = @Content(
            schema = @Schema(implementation = Report.class), examples = @ExampleObject("""
                    {"id": "5f0c3c1e-8d7a-4f55-9a57-0c6f0e1b2a33", "sessionId": "s_8f2a", "reporterId": "user_1",
"reason": "asked for my phone number", "status": "open", "createdAt": "2026-03-01T10:15:00Z",
"resolvedAt": null, "resolvedBy": null}""")))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Mono<ResponseEntity<Report>> report(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return Mono.defer(() -> {
            ReportCommand command = ReportCommand.fromBody(body);
            // admins see every session, yet only its participants report it
            return sessions.get(caller, id)
                    .filter(session -> session.hasParticipant(caller.id()))
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("No session " + id)))
                    .flatMap(session -> reports.create(new Report(UUID.randomUUID().toString(), session.id(), caller.id(),
                            command.reason(), Report.OPEN, clock.instant(), null, null)))
                    .map(created -> created.isNew()
                            ? ResponseEntity.created(URI.create("/api/sessions/reports/" + created.report().id())).body(created.report())
                            : ResponseEntity.ok(created.report()));
        });
    }

    @GetMapping("/api/sessions/reports")
    @Operation(summary = "Admins list reports", description = "Admins only. The 100 newest reports with the status.")
    @ApiResponse(responseCode = "200", description = "Reports, newest first", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = Report.class)), examples = @ExampleObject("""
                    [{"id": "5f0c3c1e-8d7a-4f55-9a57-0c6f0e1b2a33", "sessionId": "s_8f2a", "reporterId": "user_1",
"reason": "asked for my phone number", "status": "open", "createdAt": "2026-03-01T10:15:00Z",
"resolvedAt": null, "resolvedBy": null}]""")))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    public Mono<List<Report>> list(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "open or resolved", example = "open") @RequestParam(defaultValue = Report.OPEN) String status) {
        return Mono.defer(() -> {
            requireAdmin(caller);
            if (!Report.OPEN.equals(status) && !Report.RESOLVED.equals(status)) {
                return Mono.error(Problems.badRequest("'status' must be open or resolved, got '"
                        + (status.length() > 40 ? status.substring(0, 40) : status) + "'"));
            }
            return reports.withStatus(status, LIST_LIMIT).collectList();
        });
    }

    @PostMapping("/api/sessions/reports/{reportId}/resolve")
    @Operation(summary = "An admin resolves a report", description = "Admins only. Resolving it again answers it unchanged.")
    @ApiResponse(responseCode = "200", description = "The resolved report", content = @Content(
            schema = @Schema(implementation = Report.class), examples = @ExampleObject("""
                    {"id": "5f0c3c1e-8d7a-4f55-9a57-0c6f0e1b2a33", "sessionId": "s_8f2a", "reporterId": "user_1",
"reason": "asked for my phone number", "status": "resolved", "createdAt": "2026-03-01T10:15:00Z",
"resolvedAt": "2026-03-01T12:00:00Z", "resolvedBy": "admin_1"}""")))
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Mono<Report> resolve(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "5f0c3c1e-8d7a-4f55-9a57-0c6f0e1b2a33") @PathVariable String reportId) {
        return Mono.defer(() -> {
            requireAdmin(caller);
            return reports.resolve(reportId, caller.id(), clock.instant())
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("No report " + (reportId.length() > 40
                            ? reportId.substring(0, 40) : reportId))));
        });
    }

    private static void requireAdmin(CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw Problems.forbidden("Only an admin may list or resolve reports");
        }
    }
}
