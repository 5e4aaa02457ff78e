package com.astro.common.store;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import reactor.core.publisher.Flux;

/**
 * Creates every {@link OwnIndexes}' indexes once all beans exist and before anything starts (web server, Kafka
 * listeners, sweepers): a unique index a rule rests on (one message per client id, one report per participant)
 * must be there before the first write. A store that cannot be reached within the timeout fails the start.
 */
public final class IndexesAtStart implements SmartInitializingSingleton {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectProvider<OwnIndexes> owners;

    public IndexesAtStart(ObjectProvider<OwnIndexes> owners) {
        this.owners = owners;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Flux.fromStream(owners.orderedStream()).concatMap(OwnIndexes::ensureIndexes).then().block(TIMEOUT);
    }
}
