package com.astro.chat.read;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.chat.ChatRefusal;
import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;
import com.astro.common.web.Problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The caller's unread counts: in one session, for its two participants only (anyone else, admins too: 404), and in
 * the sessions of a list (session-service serves the lists; a client asks here for the counts of the ids it shows).
 */
@RestController
@RequestMapping("/api/chat")
@Tag(name = "chat read receipts", description = "Unread counts (read positions move with the message:read socket event)")
class UnreadController {

    /** session-service's largest page of a session list. */
    static final int MAX_SESSIONS = 100;

    private final ReadReceipts reads;

    UnreadController(ReadReceipts reads) {
        this.reads = reads;
    }

    @GetMapping("/sessions/{sessionId}/unread")
    @Operation(summary = "The caller's unread messages in a session", description = "Messages the other participant "
            + "sent after the caller's read position (moved by the message:read socket event). Participants only "
            + "(anyone else: 404).")
    @ApiResponse(responseCode = "200", description = "The caller's unread count", content = @Content(
            schema = @Schema(implementation = UnreadCount.class), examples = @ExampleObject("""
                    {"sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "unread": 3, "readSeq": 38, "lastSeq": 41}""")))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    Mono<UnreadCount> unread(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "65f1c0de9a1b2c3d4e5f6a7b") @PathVariable String sessionId) {
        return reads.unread(caller, sessionId)
                .onErrorMap(ChatRefusal.class, ex -> Problems.notFound(ex.getMessage()));
    }

    @GetMapping("/unread")
    @Operation(summary = "The caller's unread counts in the sessions of a list", description = "For a session list "
            + "(GET /api/sessions of session-service): the counts of the listed sessions the caller takes part in, in "
            + "the order given; other and unknown ids are left out. 1 to " + MAX_SESSIONS + " ids, comma separated.")
    @ApiResponse(responseCode = "200", description = "The caller's unread counts", content = @Content(
            schema = @Schema(implementation = UnreadCounts.class), examples = @ExampleObject("""
                    {"sessions": [
                     {"sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "unread": 3, "readSeq": 38, "lastSeq": 41},
                     {"sessionId": "65f1c0de9a1b2c3d4e5f6a7c", "unread": 0, "readSeq": 12, "lastSeq": 12}]}""")))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    Mono<UnreadCounts> unreadOfList(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "session ids, comma separated", example = "65f1c0de9a1b2c3d4e5f6a7b,"
                    + "65f1c0de9a1b2c3d4e5f6a7c") @RequestParam(required = false) String sessionIds) {
        List<String> ids = sessionIds == null ? List.of() : Arrays.stream(sessionIds.split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).toList();
        if (ids.isEmpty() || ids.size() > MAX_SESSIONS) {
            throw Problems.badRequest("sessionIds must name 1 to " + MAX_SESSIONS + " sessions, comma separated");
        }
        return reads.unread(caller, ids).collectList().map(UnreadCounts::new);
    }
}
