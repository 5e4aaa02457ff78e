package com.astro.presence.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;
import com.astro.presence.astrologer.PresenceService;
import com.astro.presence.astrologer.PresenceView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * Presence changes chat-service makes on behalf of an astrologer's socket. The socket's identity was verified at
 * its connect and is kept alive by the client's {@code auth:refresh}; the user's token is never forwarded (it may
 * have expired long ago), so the caller proves it is chat-service with the shared service credential instead. No
 * gateway route reaches {@code /internal/**}.
 */
@RestController
@RequestMapping("/internal/v1/astrologers")
@Tag(name = "internal", description = "Service-to-service calls (chat-service), never routed by the gateway")
class InternalPresenceController {

    static final String CREDENTIAL_HEADER = "X-Service-Credential";

    private static final String EXAMPLE = """
            {"id": "astro_1", "displayName": "Asha", "online": true, "busy": false,
             "rates": {"chat": 10, "audio": 20, "video": 30}, "lastSeen": "2026-01-05T10:15:30Z", "version": 7}""";

    private final PresenceService presence;

    private final ServiceCredential credential;

    InternalPresenceController(PresenceService presence, ServiceCredential credential) {
        this.presence = presence;
        this.credential = credential;
    }

    @PostMapping("/{id}/online")
    @Operation(summary = "chat-service sets an astrologer online for their socket",
            description = "Needs the service credential in " + CREDENTIAL_HEADER + ", not a user token.")
    @ApiResponse(responseCode = "200", description = "The astrologer's presence, now online", content = @Content(
            schema = @Schema(implementation = PresenceView.class), examples = @ExampleObject(EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Mono<PresenceView> online(@RequestHeader(name = CREDENTIAL_HEADER, required = false) String given,
            @Parameter(description = "the astrologer's user id", example = "astro_1") @PathVariable String id,
            @RequestBody(required = false) OnBehalf body) {
        return presence.goOnline(astrologer(given, id, body), id);
    }

    @PostMapping("/{id}/offline")
    @Operation(summary = "chat-service sets an astrologer offline for their socket",
            description = "Needs the service credential in " + CREDENTIAL_HEADER + ", not a user token.")
    @ApiResponse(responseCode = "200", description = "The astrologer's presence, now offline", content = @Content(
            schema = @Schema(implementation = PresenceView.class), examples = @ExampleObject(EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Mono<PresenceView> offline(@RequestHeader(name = CREDENTIAL_HEADER, required = false) String given,
            @Parameter(description = "the astrologer's user id", example = "astro_1") @PathVariable String id,
            @RequestBody(required = false) OnBehalf body) {
        return presence.goOffline(astrologer(given, id, body), id);
    }

    /** The astrologer the socket belongs to, once the caller has shown it is chat-service. */
    private CurrentUser astrologer(String given, String id, OnBehalf body) {
        if (!credential.matches(given)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "A valid service credential is required in " + CREDENTIAL_HEADER);
        }
        return new CurrentUser(id, Role.ASTROLOGER, body == null ? null : body.displayName());
    }

    /** The socket's verified display name, kept on the presence as when the astrologer calls themselves. */
    record OnBehalf(@Schema(example = "Asha") String displayName) {
    }
}
