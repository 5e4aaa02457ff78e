package com.astro.token.call;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;

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

/** The seed's Agora token paths (POST, and GET for backward compatibility) and an RTM token for signalling. */
@RestController
@RequestMapping("/api/agora")
// every route refuses alike: bad input, a foreign or unknown session, an ended one, Agora not configured
@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
@ApiResponse(responseCode = "410", ref = ApiDocs.GONE)
@ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
@Tag(name = "agora", description = "Agora call tokens for the participants of an active session")
class TokenController {

    static final String RTC_EXAMPLE = """
            {"token": "007eJxTYBBb...", "appId": "0123456789abcdef0123456789abcdef",
             "channelName": "session_65f1c0de9a1b2c3d4e5f6a7b", "uid": "user_1", "numericUid": 1804289383,
             "sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "expiresAt": "2026-01-05T11:15:42Z"}""";

    static final String REQUEST_EXAMPLE = "{\"channelName\": \"session_65f1c0de9a1b2c3d4e5f6a7b\"}";

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/token")
    @Operation(summary = "An RTC token for the session's channel", description = "The session's user or "
            + "astrologer while it is active; valid until the token TTL or the session's longest end, whichever is first.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "channelName", schema = @Schema(type = "string")),
                    @SchemaProperty(name = "uid", schema = @Schema(types = { "string", "integer" }, description =
                            "optional: the caller's own account (string) or numeric uid")) },
            examples = @ExampleObject(REQUEST_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The RTC token", content = @Content(
            schema = @Schema(implementation = TokenResponse.class), examples = @ExampleObject(RTC_EXAMPLE)))
    public Mono<TokenResponse> token(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> TokenRequest.fromBody(body)).flatMap(request -> tokens.rtc(caller, request));
    }

    @GetMapping("/token")
    @Operation(summary = "An RTC token, asked for by query (the seed's form)", description = "As POST /api/agora/token.")
    @ApiResponse(responseCode = "200", description = "The RTC token", content = @Content(
            schema = @Schema(implementation = TokenResponse.class), examples = @ExampleObject(RTC_EXAMPLE)))
    public Mono<TokenResponse> tokenByQuery(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "session_65f1c0de9a1b2c3d4e5f6a7b") @RequestParam(required = false) String channelName,
            @Parameter(description = "optional: the caller's own account or numeric uid")
            @RequestParam(required = false) String uid) {
        return Mono.fromSupplier(() -> TokenRequest.fromQuery(channelName, uid))
                .flatMap(request -> tokens.rtc(caller, request));
    }

    @PostMapping("/rtm-token")
    @Operation(summary = "An RTM token for signalling", description = "For the caller's own account, bounded by "
            + "the active session they take part in; uid, when given, must be the caller's account.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "channelName", schema = @Schema(type = "string")),
                    @SchemaProperty(name = "uid", schema = @Schema(types = { "string", "integer" }, description =
                            "optional: the caller's own account (string) or numeric uid")) },
            examples = @ExampleObject(REQUEST_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The RTM token", content = @Content(
            schema = @Schema(implementation = TokenResponse.class), examples = @ExampleObject(RTC_EXAMPLE)))
    public Mono<TokenResponse> rtmToken(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> TokenRequest.fromBody(body)).flatMap(request -> tokens.rtm(caller, request));
    }
}
