package com.astro.presence.config;

import reactor.core.publisher.Mono;

/**
 * A component that owns collections and declares the indexes its queries need (and a TTL where records only matter
 * for a while). Every instance creates them at start ({@link IndexesAtStart}); creating an index that exists is a
 * no-op.
 */
public interface OwnIndexes {

    Mono<Void> ensureIndexes();
}
