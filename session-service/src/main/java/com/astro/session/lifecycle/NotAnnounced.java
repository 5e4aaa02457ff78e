package com.astro.session.lifecycle;

/** The producer gave up on an event: the broker did not acknowledge it, so (almost surely) nobody was told. */
class NotAnnounced extends RuntimeException {

    NotAnnounced(Throwable cause) {
        super("The event was not acknowledged by the broker", cause);
    }
}
