package com.astro.presence.astrologer;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The seed's presence paths plus one astrologer's presence and their rates. */
@RestController
@RequestMapping("/api/v1/astrologers")
@Tag(name = "presence", description = "Which astrologers are online, busy, and at what rates")
class PresenceController {

    static final String PRESENCE_EXAMPLE = """
            {"id": "astro_1", "displayName": "Asha", "online": true, "busy": false,
             "rates": {"chat": 10, "audio": 20, "video": 30}, "lastSeen": "2026-01-05T10:15:30Z", "version": 7,
             "ratingCount": 12, "ratingAverage": 4.58}""";

    private final PresenceService presence;

    PresenceController(PresenceService presence) {
        this.presence = presence;
    }

    @PostMapping("/{id}/online")
    @Operation(summary = "The astrologer goes online", description = "The astrologer themselves or an admin.")
    @ApiResponse(responseCode = "200", description = "The astrologer's presence, now online", content = @Content(
            schema = @Schema(implementation = PresenceView.class), examples = @ExampleObject(PRESENCE_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    public Mono<PresenceView> online(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "the astrologer's user id", example = "astro_1") @PathVariable String id) {
        return presence.goOnline(caller, id);
    }

    @PostMapping("/{id}/offline")
    @Operation(summary = "The astrologer goes offline", description = "The astrologer themselves or an admin.")
    @ApiResponse(responseCode = "200", description = "The astrologer's presence, now offline", content = @Content(
            schema = @Schema(implementation = PresenceView.class), examples = @ExampleObject(PRESENCE_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    public Mono<PresenceView> offline(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "the astrologer's user id", example = "astro_1") @PathVariable String id) {
        return presence.goOffline(caller, id);
    }

    @GetMapping("/online")
    @Operation(summary = "The astrologers online now", description = "Anyone signed in.")
    @ApiResponse(responseCode = "200", description = "Every online astrologer", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = PresenceView.class)),
            examples = @ExampleObject("[" + PRESENCE_EXAMPLE + "]")))
    public Flux<PresenceView> onlineList(@AuthenticationPrincipal CurrentUser caller) {
        return presence.online(caller);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One astrologer's presence", description = "Anyone signed in; currentSessionId is shown "
            + "only to the astrologer and admins.")
    @ApiResponse(responseCode = "200", description = "The astrologer's presence", content = @Content(
            schema = @Schema(implementation = PresenceView.class), examples = @ExampleObject(PRESENCE_EXAMPLE)))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Mono<PresenceView> one(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "the astrologer's user id", example = "astro_1") @PathVariable String id) {
        return presence.find(caller, id);
    }

    @PutMapping("/{id}/rates")
    @Operation(summary = "Replace the astrologer's rates", description = "The astrologer themselves or an admin. "
            + "Coins per minute for each session type offered (null or absent: not offered); at least one.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "chat", schema = @Schema(type = "integer", nullable = true)),
                    @SchemaProperty(name = "audio", schema = @Schema(type = "integer", nullable = true)),
                    @SchemaProperty(name = "video", schema = @Schema(type = "integer", nullable = true)) },
            examples = @ExampleObject("{\"chat\": 10, \"audio\": 20, \"video\": 30}")))
    @ApiResponse(responseCode = "200", description = "The astrologer's presence with the new rates", content = @Content(
            schema = @Schema(implementation = PresenceView.class), examples = @ExampleObject(PRESENCE_EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    public Mono<PresenceView> rates(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(description = "the astrologer's user id", example = "astro_1") @PathVariable String id,
            @RequestBody JsonNode body) {
        return presence.setRates(caller, id, body);
    }
}
