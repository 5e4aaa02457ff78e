package com.astro.bench.storage;

import org.reactivestreams.Publisher;

/** One way of storing message k of the workload. */
interface InsertPath {

    String name();

    /** How this path stores a message, for the report. */
    String description();

    /** The collection it writes, to preload with other sessions' messages. */
    String collection();

    Publisher<?> prepare();

    Publisher<?> insert(long k);
}
