package com.astro.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The fan-out's per-session ordering: one session's events in order, other sessions never waiting behind it. */
class KeyedSerialQueueTest {

    private final KeyedSerialQueue queue = new KeyedSerialQueue();

    private final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    void anUnfinishedEventOfOneSessionDoesNotHoldUpAnotherSession() {
        queue.submit("session-1", Mono.never());

        queue.submit("session-2", record("session-2 accepted"));

        assertThat(done).containsExactly("session-2 accepted");
    }

    @Test
    void theEventsOfOneSessionRunInTheOrderTheyCame() {
        Sinks.Empty<Void> requestStored = Sinks.empty();
        queue.submit("session-1", requestStored.asMono().then(record("requested")));
        queue.submit("session-1", record("accepted"));
        queue.submit("session-1", record("ended"));
        assertThat(done).isEmpty();

        requestStored.tryEmitEmpty();

        assertThat(done).containsExactly("requested", "accepted", "ended");
    }

    @Test
    void aFailedEventDoesNotStopTheSessionsLaterEvents() {
        queue.submit("session-1", Mono.error(new IllegalStateException("store unreachable")));

        queue.submit("session-1", record("ended"));

        assertThat(done).containsExactly("ended");
    }

    @Test
    void aSessionIsForgottenOnceItsLastEventIsDone() {
        Sinks.Empty<Void> stored = Sinks.empty();
        queue.submit("session-1", stored.asMono());
        assertThat(queue.inFlight()).isEqualTo(1);

        stored.tryEmitEmpty();

        assertThat(queue.inFlight()).isZero();
    }

    private Mono<Void> record(String what) {
        return Mono.fromRunnable(() -> done.add(what));
    }
}
