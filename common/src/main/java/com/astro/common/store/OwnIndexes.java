package com.astro.common.store;

import reactor.core.publisher.Mono;

/**
 * A component that owns collections and declares the indexes its queries and rules need (unique keys, TTLs). Every
 * instance creates them at start, before it takes any traffic ({@link IndexesAtStart}); creating an index that
 * exists is a no-op.
 */
public interface OwnIndexes {

    Mono<Void> ensureIndexes();
}
