package com.astro.token.token;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The seed's Agora token paths (POST, and GET for backward compatibility) and an RTM token for signalling. */
@RestController
@RequestMapping("/api/agora")
public class TokenController {

    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/token")
    public Mono<TokenResponse> token(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> TokenRequest.fromBody(body)).flatMap(request -> tokens.rtc(caller, request));
    }

    @GetMapping("/token")
    public Mono<TokenResponse> tokenByQuery(@AuthenticationPrincipal CurrentUser caller,
            @RequestParam(required = false) String channelName, @RequestParam(required = false) String uid) {
        return Mono.fromSupplier(() -> TokenRequest.fromQuery(channelName, uid))
                .flatMap(request -> tokens.rtc(caller, request));
    }

    @PostMapping("/rtm-token")
    public Mono<TokenResponse> rtmToken(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> TokenRequest.fromBody(body)).flatMap(request -> tokens.rtm(caller, request));
    }
}
