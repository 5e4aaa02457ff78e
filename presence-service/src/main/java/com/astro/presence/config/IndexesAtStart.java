package com.astro.presence.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;

/** The queries run on every request or sweep need their indexes before the first one, so start waits for them. */
@Component
class IndexesAtStart implements ApplicationRunner {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<OwnIndexes> owners;

    IndexesAtStart(List<OwnIndexes> owners) {
        this.owners = owners;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.fromIterable(owners).concatMap(OwnIndexes::ensureIndexes).then().block(TIMEOUT);
    }
}
