package com.astro.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * At most one JWKS fetch per interval. Spring Security's remote key source fetches the set again for every
 * token whose {@code kid} it does not know, so without this a stream of garbage tokens would become a stream
 * of requests to the issuer. Within the interval the last answer (or failure) is replayed, and a token with a
 * truly new key waits until the interval has passed: key rotations must publish the new key that long before
 * signing with it (Clerk publishes keys well ahead).
 */
final class JwksFetchThrottle implements ExchangeFilterFunction {

    private final Duration interval;

    private final Clock clock;

    private Fetch last;

    JwksFetchThrottle(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return keySet(request, next).map(body -> ClientResponse.create(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body(body)
                .build());
    }

    private synchronized Mono<String> keySet(ClientRequest request, ExchangeFunction next) {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(interval))) {
            // cache(): tokens arriving while the fetch is under way share it
            last = new Fetch(now, next.exchange(request).flatMap(JwksFetchThrottle::body).cache());
        }
        return last.body();
    }

    private static Mono<String> body(ClientResponse response) {
        return response.statusCode().is2xxSuccessful()
                ? response.bodyToMono(String.class)
                : response.createException().flatMap(Mono::error);
    }

    private record Fetch(Instant at, Mono<String> body) {
    }
}
