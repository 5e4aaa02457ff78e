package com.astro.session.lifecycle;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;
import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;
import com.astro.session.config.SessionProperties;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The seed's session paths (start, accept, end) and what users need around them. */
@RestController
@RequestMapping("/api/sessions")
@Tag(name = "sessions", description = "Paid chat, audio and video sessions between a user and an astrologer")
class SessionController {

    static final String SESSION_EXAMPLE = """
            {"id": "65f1c0de9a1b2c3d4e5f6a7b", "userId": "user_1", "astrologerId": "astro_1", "sessionType": "chat",
             "ratePerMinute": 10, "status": "active", "createdAt": "2026-01-05T10:15:30Z",
             "expiresAt": "2026-01-05T10:17:30Z", "acceptedAt": "2026-01-05T10:15:42Z", "acceptedBy": "astro_1",
             "channelName": "session_65f1c0de9a1b2c3d4e5f6a7b", "endedAt": null, "endReason": null, "endedBy": null,
             "billedMinutes": null, "coinsCharged": null, "freeMinutes": null}""";

    static final String PENDING_EXAMPLE = """
            {"id": "65f1c0de9a1b2c3d4e5f6a7b", "userId": "user_1", "astrologerId": "astro_1", "sessionType": "chat",
             "ratePerMinute": 10, "status": "pending", "createdAt": "2026-01-05T10:15:30Z",
             "expiresAt": "2026-01-05T10:17:30Z", "acceptedAt": null, "acceptedBy": null, "channelName": null,
             "endedAt": null, "endReason": null, "endedBy": null, "billedMinutes": null, "coinsCharged": null,
             "freeMinutes": null}""";

    static final String ENDED_EXAMPLE = """
            {"id": "65f1c0de9a1b2c3d4e5f6a7b", "userId": "user_1", "astrologerId": "astro_1", "sessionType": "chat",
             "ratePerMinute": 10, "status": "ended", "createdAt": "2026-01-05T10:15:30Z",
             "expiresAt": "2026-01-05T10:17:30Z", "acceptedAt": "2026-01-05T10:15:42Z", "acceptedBy": "astro_1",
             "channelName": "session_65f1c0de9a1b2c3d4e5f6a7b", "endedAt": "2026-01-05T10:17:12Z",
             "endReason": "completed", "endedBy": "user_1", "billedMinutes": 2, "coinsCharged": 20,
             "freeMinutes": 0}""";

    static final String REJECTED_EXAMPLE = """
            {"id": "65f1c0de9a1b2c3d4e5f6a7b", "userId": "user_1", "astrologerId": "astro_1", "sessionType": "chat",
             "ratePerMinute": 10, "status": "ended", "createdAt": "2026-01-05T10:15:30Z",
             "expiresAt": "2026-01-05T10:17:30Z", "acceptedAt": null, "acceptedBy": null, "channelName": null,
             "endedAt": "2026-01-05T10:15:50Z", "endReason": "rejected", "endedBy": "astro_1", "billedMinutes": null,
             "coinsCharged": null, "freeMinutes": null}""";

    static final String SESSION_ID_EXAMPLE = "{\"sessionId\": \"65f1c0de9a1b2c3d4e5f6a7b\"}";

    static final int DEFAULT_PAGE_SIZE = 20;

    private final SessionService sessions;

    private final SessionProperties properties;

    SessionController(SessionService sessions, SessionProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @PostMapping("/start")
    @Operation(summary = "A user asks an online astrologer for a session", description = "Users only. The "
            + "session is pending until the astrologer accepts, rejects, or it expires; the user's coins must "
            + "cover the minimum billed minutes.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "astrologerId", schema = @Schema(type = "string")),
                    @SchemaProperty(name = "sessionType", schema = @Schema(type = "string",
                            allowableValues = { "chat", "audio", "video" })),
                    @SchemaProperty(name = "ratePerMinute", schema = @Schema(type = "integer", description =
                            "optional: the rate the user saw; a different current rate is a 409 with currentRate")) },
            examples = @ExampleObject("{\"astrologerId\": \"astro_1\", \"sessionType\": \"chat\"}")))
    @ApiResponse(responseCode = "201", description = "The pending session (Location: /api/sessions/{id})",
            content = @Content(
            schema = @Schema(implementation = SessionView.class), examples = @ExampleObject(PENDING_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<ResponseEntity<SessionView>> start(@AuthenticationPrincipal CurrentUser caller,
            @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> StartCommand.fromBody(body))
                .flatMap(command -> sessions.start(caller, command))
                .map(session -> ResponseEntity.created(URI.create("/api/sessions/" + session.id()))
                        .body(SessionView.of(session)));
    }

    @PostMapping("/accept")
    @Operation(summary = "The astrologer accepts a pending session", description = "The session's astrologer "
            + "only; billing starts.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = @SchemaProperty(name = "sessionId",
                    schema = @Schema(type = "string", pattern = "^[0-9a-f]{24}$")),
            examples = @ExampleObject(SESSION_ID_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The active session", content = @Content(
            schema = @Schema(implementation = SessionView.class), examples = @ExampleObject(SESSION_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<SessionView> accept(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> SessionIds.fromBody(body))
                .flatMap(id -> sessions.accept(caller, id)).map(SessionView::of);
    }

    @PostMapping("/reject")
    @Operation(summary = "The astrologer rejects a pending session", description = "The session's astrologer only.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = @SchemaProperty(name = "sessionId",
                    schema = @Schema(type = "string", pattern = "^[0-9a-f]{24}$")),
            examples = @ExampleObject(SESSION_ID_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The ended session (endReason rejected)", content = @Content(
            schema = @Schema(implementation = SessionView.class), examples = @ExampleObject(REJECTED_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<SessionView> reject(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> SessionIds.fromBody(body))
                .flatMap(id -> sessions.reject(caller, id)).map(SessionView::of);
    }

    @PostMapping("/cancel")
    @Operation(summary = "The user withdraws a pending request", description = "The user who asked only.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = @SchemaProperty(name = "sessionId",
                    schema = @Schema(type = "string", pattern = "^[0-9a-f]{24}$")),
            examples = @ExampleObject(SESSION_ID_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The ended session (endReason cancelled, endedBy the user)",
            content = @Content(
            schema = @Schema(implementation = SessionView.class), examples = @ExampleObject(REJECTED_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<SessionView> cancel(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> SessionIds.fromBody(body))
                .flatMap(id -> sessions.cancel(caller, id)).map(SessionView::of);
    }

    /** The seed's {@code duration} and {@code ratePerMinute} are accepted and ignored: the server measures and prices. */
    @PostMapping("/end")
    @Operation(summary = "Either participant ends an active session", description = "Its user or astrologer "
            + "(anyone else: 404); the minutes started are billed.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "sessionId", schema = @Schema(type = "string", pattern = "^[0-9a-f]{24}$")),
                    @SchemaProperty(name = "duration", schema = @Schema(type = "number",
                            description = "accepted and ignored: the server measures")),
                    @SchemaProperty(name = "ratePerMinute", schema = @Schema(type = "number",
                            description = "accepted and ignored: the server prices")) },
            examples = @ExampleObject(SESSION_ID_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The ended session with billedMinutes and coinsCharged",
            content = @Content(
            schema = @Schema(implementation = SessionView.class), examples = @ExampleObject(ENDED_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<SessionView> end(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> {
            String id = SessionIds.fromBody(body);
            JsonFields.ignoredNumber(body, "duration");
            JsonFields.ignoredNumber(body, "ratePerMinute");
            return id;
        }).flatMap(id -> sessions.end(caller, id)).map(SessionView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One session", description = "Its participants and admins (anyone else: 404).")
    @ApiResponse(responseCode = "200", description = "The session", content = @Content(
            schema = @Schema(implementation = SessionView.class), examples = @ExampleObject(SESSION_EXAMPLE)))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Mono<SessionView> get(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "65f1c0de9a1b2c3d4e5f6a7b") @PathVariable String id) {
        if (!SessionIds.isValid(id)) {
            return Mono.error(Problems.notFound("No session " + (id.length() > 40 ? id.substring(0, 40) : id)));
        }
        return sessions.get(caller, id).map(SessionView::of);
    }

    @GetMapping
    @Operation(summary = "The caller's sessions, newest first", description = "Sessions the caller took part in, "
            + "one page at a time.")
    @ApiResponse(responseCode = "200", description = "One page", content = @Content(
            schema = @Schema(implementation = SessionPage.class), examples = @ExampleObject(
                    "{\"items\": [" + SESSION_EXAMPLE + "], \"page\": 0, \"size\": 20}")))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Mono<SessionPage> list(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "only sessions in this status", schema = @Schema(
                    allowableValues = { "pending", "active", "ending", "ended" }))
            @RequestParam(required = false) String status,
            @Parameter(description = "page number, from 0", schema = @Schema(type = "integer", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(description = "sessions per page (at most SESSION_MAX_PAGE_SIZE)",
                    schema = @Schema(type = "integer", defaultValue = "20"))
            @RequestParam(required = false) String size) {
        return Mono.defer(() -> {
            SessionStatus wanted = null;
            if (status != null && !status.isEmpty()) {
                wanted = SessionStatus.fromWireName(status);
                if (wanted == null) {
                    throw Problems.badRequest("'status' must be one of pending, active, ending, ended, got '"
                            + status + "'");
                }
            }
            int pageNumber = number(page, "page", 0, 0, 100_000);
            int pageSize = number(size, "size", DEFAULT_PAGE_SIZE, 1, properties.maxPageSize());
            return sessions.list(caller, wanted, pageNumber, pageSize).map(SessionView::of).collectList()
                    .map(items -> new SessionPage(items, pageNumber, pageSize));
        });
    }

    private static int number(String value, String name, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        catch (NumberFormatException ignored) {
            // answered below with the allowed range
        }
        throw Problems.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }

    /** One page of the caller's sessions, newest first. */
    record SessionPage(List<SessionView> items, int page, int size) {
    }
}
