package com.astro.chat.history;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.chat.ChatRefusal;
import com.astro.chat.config.ChatProperties;
import com.astro.chat.message.MessageStore;
import com.astro.chat.message.MessageView;
import com.astro.chat.read.ReadMark;
import com.astro.chat.read.ReadReceipts;
import com.astro.chat.session.SessionAccess;
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
 * A session's stored messages, for its participants and admins (anyone else: 404).
 * <ul>
 * <li>{@code afterSeq} given: the oldest {@code limit} messages after it (below {@code beforeSeq} if also given),
 * for reading forward;</li>
 * <li>otherwise: the newest {@code limit} messages (below {@code beforeSeq} if given), for scrolling back.</li>
 * </ul>
 * Pages are always in sequence order, oldest first.
 */
@RestController
@RequestMapping("/api/chat/sessions")
@Tag(name = "chat history", description = "A session's stored messages (live messages travel over Socket.IO)")
class HistoryController {

    private final SessionAccess access;

    private final MessageStore messages;

    private final ReadReceipts reads;

    private final ChatProperties properties;

    HistoryController(SessionAccess access, MessageStore messages, ReadReceipts reads,
            ChatProperties properties) {
        this.access = access;
        this.messages = messages;
        this.reads = reads;
        this.properties = properties;
    }

    @GetMapping("/{sessionId}/messages")
    @Operation(summary = "A page of a session's messages, oldest first", description = "Its user, its astrologer "
            + "and admins (anyone else: 404). With afterSeq: the oldest messages after it, to read forward; without: "
            + "the newest (below beforeSeq if given), to scroll back. hasMore tells whether more lie that way; reads gives "
            + "each participant's read position (every message up to seq read; 0: none).")
    @ApiResponse(responseCode = "200", description = "One page of messages", content = @Content(
            schema = @Schema(implementation = HistoryPage.class), examples = @ExampleObject("""
                    {"sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "hasMore": true, "messages": [
                     {"id": "65f1c2009a1b2c3d4e5f6a80", "sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "seq": 41,
                      "senderId": "user_1", "senderRole": "user", "text": "Namaste!", "clientMessageId": "c-17",
                      "sentAt": "2026-01-05T10:16:02Z"}],
                     "reads": [{"userId": "user_1", "seq": 41}, {"userId": "astro_1", "seq": 38}]}""")))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    Mono<HistoryPage> messages(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "65f1c0de9a1b2c3d4e5f6a7b") @PathVariable String sessionId,
            @Parameter(description = "read forward from after this seq", schema = @Schema(type = "integer",
                    minimum = "0")) @RequestParam(required = false) String afterSeq,
            @Parameter(description = "only messages below this seq", schema = @Schema(type = "integer",
                    minimum = "0")) @RequestParam(required = false) String beforeSeq,
            @Parameter(description = "messages per page (CHAT_HISTORY_DEFAULT_LIMIT when absent, at most "
                    + "CHAT_HISTORY_MAX_LIMIT)", schema = @Schema(type = "integer", minimum = "1"))
            @RequestParam(required = false) String limit) {
        Long after = seq("afterSeq", afterSeq);
        Long before = seq("beforeSeq", beforeSeq);
        int size = limit(limit);
        return access.visibleTo(sessionId, caller, true)
                .onErrorMap(ChatRefusal.class, ex -> Problems.notFound(ex.getMessage()))
                .flatMap(session -> Mono.zip(after != null
                        ? messages.after(session.id(), after, before, size + 1).map(MessageView::of).collectList()
                        : messages.newestBefore(session.id(), before, size + 1)
                                .map(list -> list.stream().map(MessageView::of).toList()),
                        reads.of(session))
                        .map(found -> page(session.id(), found.getT1(), size, after == null, found.getT2())));
    }

    /** One extra message was read to learn whether more exist; it is dropped from the far end of the page. */
    private static HistoryPage page(String sessionId, List<MessageView> read, int size, boolean backwards,
            List<ReadMark> marks) {
        if (read.size() <= size) {
            return new HistoryPage(sessionId, read, false, marks);
        }
        return new HistoryPage(sessionId, backwards ? read.subList(1, read.size()) : read.subList(0, size), true,
                marks);
    }

    private static Long seq(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw Problems.badRequest(name + " must be a whole number >= 0");
        }
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return properties.historyDefaultLimit();
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1 || parsed > properties.historyMaxLimit()) {
                throw new NumberFormatException();
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw Problems.badRequest("limit must be a whole number from 1 to " + properties.historyMaxLimit());
        }
    }
}
