package com.astro.session.config;

import reactor.core.publisher.Mono;

/**
 * A component that owns collections and declares the indexes its queries need. Every instance creates them at start
 * ({@link IndexesAtStart}); creating an index that exists is a no-op.
 */
public interface OwnIndexes {

    Mono<Void> ensureIndexes();
}
