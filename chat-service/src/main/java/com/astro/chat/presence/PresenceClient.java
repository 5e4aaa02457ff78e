package com.astro.chat.presence;

import java.time.Duration;
import java.util.Collections;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.astro.chat.ChatRefusal;
import com.astro.chat.config.ChatProperties;
import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Mono;

/**
 * presence-service's internal online/offline endpoints, called for a socket's astrologer. The socket's identity was
 * verified at connect and is kept alive by {@code auth:refresh}; the user's token is never forwarded (Clerk tokens
 * live about a minute, a socket hours), so this service shows its own credential instead.
 */
@Component
public class PresenceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final String CREDENTIAL_HEADER = "X-Service-Credential";

    private final WebClient web;

    PresenceClient(ChatProperties properties) {
        // Boot 4 auto-configures WebClient.Builder only with its separate webclient module; a plain one will do
        this.web = WebClient.builder().baseUrl(properties.presenceUrl())
                .defaultHeader(CREDENTIAL_HEADER, properties.presenceCredential()).build();
    }

    /** Sets the astrologer online or offline; fails with a {@link ChatRefusal} carrying presence-service's reason. */
    public Mono<Void> set(CurrentUser astrologer, boolean online) {
        return web.post()
                .uri("/internal/v1/astrologers/{id}/{state}", astrologer.id(), online ? "online" : "offline")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Collections.singletonMap("displayName", astrologer.displayName()))
                .retrieve()
                .toBodilessEntity()
                .timeout(TIMEOUT)
                .then()
                .onErrorMap(ex -> !(ex instanceof ChatRefusal), PresenceClient::refusal);
    }

    private static ChatRefusal refusal(Throwable ex) {
        if (ex instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            String detail = response.getResponseBodyAsString();
            if (status == 401) {
                // a deployment fault, not the user's: the two services were given different credentials
                return new ChatRefusal(ChatRefusal.PRESENCE_FAILED,
                        "presence-service refused this service's credential (PRESENCE_SERVICE_CREDENTIAL)");
            }
            String code = status == 403 ? ChatRefusal.FORBIDDEN : ChatRefusal.PRESENCE_FAILED;
            return new ChatRefusal(code, "presence-service answered " + response.getStatusCode().value()
                    + (detail.isBlank() ? "" : ": " + detail));
        }
        return new ChatRefusal(ChatRefusal.PRESENCE_FAILED, "presence-service could not be reached: " + ex.getMessage());
    }
}
