package com.astro.presence.astrologer;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The seed's presence paths plus one astrologer's presence and their rates. */
@RestController
@RequestMapping("/api/v1/astrologers")
public class PresenceController {

    private final PresenceService presence;

    public PresenceController(PresenceService presence) {
        this.presence = presence;
    }

    @PostMapping("/{id}/online")
    public Mono<PresenceView> online(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        return presence.goOnline(caller, id);
    }

    @PostMapping("/{id}/offline")
    public Mono<PresenceView> offline(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        return presence.goOffline(caller, id);
    }

    @GetMapping("/online")
    public Flux<PresenceView> onlineList(@AuthenticationPrincipal CurrentUser caller) {
        return presence.online(caller);
    }

    @GetMapping("/{id}")
    public Mono<PresenceView> one(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        return presence.find(caller, id);
    }

    @PutMapping("/{id}/rates")
    public Mono<PresenceView> rates(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id,
            @RequestBody JsonNode body) {
        return presence.setRates(caller, id, body);
    }
}
