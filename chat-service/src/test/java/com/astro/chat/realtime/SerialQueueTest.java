package com.astro.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** A socket's queue holds places in the instance's budget and gives them all back, however it ends. */
class SerialQueueTest {

    private static final Supplier<Mono<?>> NEVER_DONE = Mono::never;

    @Test
    void aRequestBeyondTheInstanceBudgetIsRefusedAsBusy() {
        RequestBudget budget = new RequestBudget(2);
        SerialQueue first = new SerialQueue(10, budget);
        SerialQueue second = new SerialQueue(10, budget);

        assertThat(first.submit(NEVER_DONE)).isEqualTo(SerialQueue.Refusal.NONE);
        assertThat(first.submit(NEVER_DONE)).isEqualTo(SerialQueue.Refusal.NONE);

        assertThat(second.submit(NEVER_DONE)).isEqualTo(SerialQueue.Refusal.INSTANCE_BUSY);
    }

    @Test
    void aRequestBeyondTheSocketsQueueIsRefusedAsTooMany() {
        SerialQueue queue = new SerialQueue(1, new RequestBudget(10));
        queue.submit(NEVER_DONE);

        assertThat(queue.submit(NEVER_DONE)).isEqualTo(SerialQueue.Refusal.SOCKET_FULL);
    }

    @Test
    void finishedRequestsGiveTheirPlacesBack() {
        RequestBudget budget = new RequestBudget(1);
        SerialQueue queue = new SerialQueue(10, budget);
        Sinks.Empty<Void> running = Sinks.empty();
        queue.submit(running::asMono);

        running.tryEmitEmpty();

        assertThat(budget.held()).isZero();
        assertThat(queue.submit(NEVER_DONE)).isEqualTo(SerialQueue.Refusal.NONE);
    }

    @Test
    void aClosedSocketGivesBackThePlacesOfItsRunningAndWaitingRequests() {
        RequestBudget budget = new RequestBudget(3);
        SerialQueue closing = new SerialQueue(10, budget);
        closing.submit(NEVER_DONE);
        closing.submit(NEVER_DONE);
        closing.submit(NEVER_DONE);

        closing.close();

        assertThat(budget.held()).isZero();
    }
}
