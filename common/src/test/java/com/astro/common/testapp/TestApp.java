package com.astro.common.testapp;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.astro.common.security.CurrentUser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A tiny service using only common's auto-configuration, as every real service does. */
@SpringBootApplication
@EnableReactiveMethodSecurity
public class TestApp {

    public enum Kind {
        CHAT, CALL
    }

    public record ThingRequest(@NotBlank String name, @Min(1) int rate, @NotNull Kind kind, Instant at) {
    }

    /** Fails before any controller runs, as a broken filter would. */
    @Bean
    WebFilter failingFilter() {
        return (exchange, chain) -> switch (exchange.getRequest().getPath().value()) {
            case "/filter/boom" -> Mono.error(new IllegalStateException("filter internals: secret=42"));
            case "/filter/unavailable" -> Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Messages cannot be stored right now; try again"));
            default -> chain.filter(exchange);
        };
    }

    @RestController
    static class Things {

        private static final Logger log = LoggerFactory.getLogger(Things.class);

        @GetMapping("/things/me")
        CurrentUser me(@AuthenticationPrincipal CurrentUser user) {
            return user;
        }

        @GetMapping("/things/astrologers-only")
        @PreAuthorize("hasRole('ASTROLOGER')")
        Mono<String> astrologersOnly(@AuthenticationPrincipal CurrentUser user) {
            return Mono.just("hello " + user.id());
        }

        @PostMapping("/things")
        ResponseEntity<ThingRequest> create(@Valid @RequestBody ThingRequest request) {
            return ResponseEntity.created(URI.create("/things/1")).body(request);
        }

        @GetMapping("/things/{id}")
        String one(@PathVariable long id, @RequestParam(defaultValue = "1") int page) {
            return "thing " + id + " page " + page;
        }

        @GetMapping("/things/search")
        String search(@RequestParam String q) {
            return q;
        }

        @GetMapping("/things/busy")
        String busy() {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The astrologer is busy in another session");
        }

        @GetMapping("/things/boom")
        String boom() {
            throw new IllegalStateException("secret internal state: password=hunter2");
        }

        /** Stands in for a Socket.IO long-polling request, answered like one. */
        @GetMapping("/socket.io/")
        String poll() {
            return "6";
        }

        /** Logs after hopping threads twice, to prove the request id follows the work. */
        @GetMapping("/things/log")
        Mono<String> logAcrossThreads(@RequestParam String marker) {
            return Mono.delay(Duration.ofMillis(5))
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(tick -> log.info("working on {}", marker))
                    .map(tick -> marker);
        }
    }
}
