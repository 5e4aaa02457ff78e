package com.astro.chat.presence;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.astro.chat.ChatRefusal;
import com.astro.chat.config.ChatProperties;

import reactor.core.publisher.Mono;

/**
 * presence-service's online/offline endpoints, called on behalf of a socket's user with that user's own token,
 * so presence-service applies its own rules (only that astrologer or an admin) exactly as for REST calls.
 */
@Component
public class PresenceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WebClient web;

    public PresenceClient(ChatProperties properties) {
        // Boot 4 auto-configures WebClient.Builder only with its separate webclient module; a plain one will do
        this.web = WebClient.builder().baseUrl(properties.presenceUrl()).build();
    }

    /** Sets the astrologer online or offline; fails with a {@link ChatRefusal} carrying presence-service's reason. */
    public Mono<Void> set(String astrologerId, boolean online, String token) {
        return web.post()
                .uri("/api/v1/astrologers/{id}/{state}", astrologerId, online ? "online" : "offline")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
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
                return new ChatRefusal(ChatRefusal.UNAUTHORIZED, "presence-service refused the token (expired?): "
                        + "pass a fresh one as { token } or reconnect");
            }
            String code = status == 403 ? ChatRefusal.FORBIDDEN : ChatRefusal.PRESENCE_FAILED;
            return new ChatRefusal(code, "presence-service answered " + response.getStatusCode().value()
                    + (detail.isBlank() ? "" : ": " + detail));
        }
        return new ChatRefusal(ChatRefusal.PRESENCE_FAILED, "presence-service could not be reached: " + ex.getMessage());
    }
}
