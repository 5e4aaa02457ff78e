package com.astro.session.config;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;

/**
 * The listing, the sweeper, the wallet view and the one-report-per-participant rule need their indexes before the
 * first request, so start waits for them.
 */
@Component
class IndexesAtStart implements ApplicationRunner {

    private final List<OwnIndexes> owners;

    IndexesAtStart(List<OwnIndexes> owners) {
        this.owners = owners;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.fromIterable(owners).concatMap(OwnIndexes::ensureIndexes).then().block();
    }
}
