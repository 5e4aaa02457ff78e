package com.astro.session.receipt;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** A session's receipt. */
@RestController
@Tag(name = "sessions")
class ReceiptController {

    static final String RECEIPT_EXAMPLE = """
            {"sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "userId": "user_1", "astrologerId": "astro_1",
             "sessionType": "chat", "requestedAt": "2026-01-05T10:15:30Z", "acceptedAt": "2026-01-05T10:15:42Z",
             "endedAt": "2026-01-05T10:19:12Z", "reason": "completed", "endedBy": "user_1", "ratePerMinute": 10,
             "billedMinutes": 4,
             "promotion": {"freeMinutes": 2, "coinsWaived": 20, "ledgerEntryId": "promotion:65f1c0de9a1b2c3d4e5f6a7b"},
             "coinsCharged": 20, "ledgerEntryId": "session:65f1c0de9a1b2c3d4e5f6a7b",
             "events": {"requested": "0b6f3f3e-3f4c-4a51-9d0e-5c2f8f7d1a01",
              "accepted": "6d1e2a44-8b7c-4f0e-a1d2-3c4b5a6f7e02",
              "lowBalance": ["9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c03"],
              "ended": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e004"}}""";

    private final Receipts receipts;

    ReceiptController(Receipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping("/api/sessions/{id}/receipt")
    @Operation(summary = "A session's receipt", description = "Its participants and admins (anyone else: 404), once "
            + "the session has ended (before: 409). Every figure is the one the session's Kafka events announced; "
            + "events names their ids. coinsCharged = (billedMinutes - promotion.freeMinutes) × ratePerMinute; "
            + "promotion is null when no minute was free.")
    @ApiResponse(responseCode = "200", description = "The receipt", content = @Content(
            schema = @Schema(implementation = Receipt.class), examples = @ExampleObject(RECEIPT_EXAMPLE)))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<Receipt> receipt(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "65f1c0de9a1b2c3d4e5f6a7b") @PathVariable String id) {
        return receipts.of(caller, id);
    }
}
