package com.astro.session.session;

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

import com.astro.common.security.CurrentUser;
import com.astro.session.config.SessionProperties;
import com.astro.session.web.ApiProblems;
import com.astro.session.web.JsonFields;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The seed's session paths (start, accept, end) and what users need around them. */
@RestController
@RequestMapping("/api/sessions")
public class SessionController {

    static final int DEFAULT_PAGE_SIZE = 20;

    private final SessionService sessions;

    private final SessionProperties properties;

    public SessionController(SessionService sessions, SessionProperties properties) {
        this.sessions = sessions;
        this.properties = properties;
    }

    @PostMapping("/start")
    public Mono<ResponseEntity<SessionView>> start(@AuthenticationPrincipal CurrentUser caller,
            @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> StartCommand.fromBody(body))
                .flatMap(command -> sessions.start(caller, command))
                .map(session -> ResponseEntity.created(URI.create("/api/sessions/" + session.id()))
                        .body(SessionView.of(session)));
    }

    @PostMapping("/accept")
    public Mono<SessionView> accept(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> SessionIds.fromBody(body))
                .flatMap(id -> sessions.accept(caller, id)).map(SessionView::of);
    }

    @PostMapping("/reject")
    public Mono<SessionView> reject(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> SessionIds.fromBody(body))
                .flatMap(id -> sessions.reject(caller, id)).map(SessionView::of);
    }

    @PostMapping("/cancel")
    public Mono<SessionView> cancel(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> SessionIds.fromBody(body))
                .flatMap(id -> sessions.cancel(caller, id)).map(SessionView::of);
    }

    /** The seed's {@code duration} and {@code ratePerMinute} are accepted and ignored: the server measures and prices. */
    @PostMapping("/end")
    public Mono<SessionView> end(@AuthenticationPrincipal CurrentUser caller, @RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> {
            String id = SessionIds.fromBody(body);
            JsonFields.ignoredNumber(body, "duration");
            JsonFields.ignoredNumber(body, "ratePerMinute");
            return id;
        }).flatMap(id -> sessions.end(caller, id)).map(SessionView::of);
    }

    @GetMapping("/{id}")
    public Mono<SessionView> get(@AuthenticationPrincipal CurrentUser caller, @PathVariable String id) {
        if (!SessionIds.isValid(id)) {
            return Mono.error(ApiProblems.notFound("No session " + (id.length() > 40 ? id.substring(0, 40) : id)));
        }
        return sessions.get(caller, id).map(SessionView::of);
    }

    @GetMapping
    public Mono<SessionPage> list(@AuthenticationPrincipal CurrentUser caller,
            @RequestParam(required = false) String status, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        return Mono.defer(() -> {
            SessionStatus wanted = null;
            if (status != null && !status.isEmpty()) {
                wanted = SessionStatus.fromWireName(status);
                if (wanted == null) {
                    throw JsonFields.badRequest("'status' must be one of pending, active, ending, ended, got '"
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
        throw JsonFields.badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }

    /** One page of the caller's sessions, newest first. */
    public record SessionPage(List<SessionView> items, int page, int size) {
    }
}
