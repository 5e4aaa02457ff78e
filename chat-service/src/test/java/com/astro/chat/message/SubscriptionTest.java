package com.astro.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One socket's ordering of one session's messages, whatever order they are offered in. */
class SubscriptionTest {

    private final List<Long> delivered = new ArrayList<>();

    private final Subscription subscription = new Subscription("s1", new Recipient() {

        @Override
        public String id() {
            return "socket-1";
        }

        @Override
        public void receive(MessageView message) {
            delivered.add(message.seq());
        }
    });

    private static MessageView message(long seq) {
        return new MessageView("m" + seq, "s1", seq, "u1", "user", "text " + seq, null, Instant.EPOCH);
    }

    @Test
    void messagesInOrderAreDeliveredAtOnce() {
        subscription.start(0);

        assertThat(subscription.offer(message(1))).isFalse();
        assertThat(subscription.offer(message(2))).isFalse();

        assertThat(delivered).containsExactly(1L, 2L);
    }

    @Test
    void aLaterMessageWaitsForTheGapAndAsksForAFill() {
        subscription.start(0);

        assertThat(subscription.offer(message(2))).isTrue();
        assertThat(delivered).isEmpty();
        assertThat(subscription.offer(message(1))).isFalse();

        assertThat(delivered).containsExactly(1L, 2L);
    }

    @Test
    void duplicatesAndMessagesFromBeforeTheStartAreDropped() {
        subscription.start(5);

        subscription.offer(message(4));
        subscription.offer(message(6));
        subscription.offer(message(6));
        subscription.offer(message(5));

        assertThat(delivered).containsExactly(6L);
    }

    @Test
    void liveMessagesWaitUntilTheStartingPointIsKnown() {
        subscription.offer(message(3));
        subscription.offer(message(4));
        assertThat(delivered).isEmpty();

        subscription.start(3);

        assertThat(delivered).containsExactly(4L);
    }

    @Test
    void whileAFillRunsNoSecondFillIsAskedFor() {
        subscription.start(0);
        assertThat(subscription.beginFill()).isTrue();

        assertThat(subscription.offer(message(3))).isFalse();
        assertThat(subscription.beginFill()).isFalse();
        subscription.offer(message(1));
        subscription.offer(message(2));

        assertThat(subscription.endFill()).isFalse();
        assertThat(delivered).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aClosedSubscriptionDeliversNothing() {
        subscription.start(0);
        subscription.close();

        subscription.offer(message(1));

        assertThat(delivered).isEmpty();
        assertThat(subscription.beginFill()).isFalse();
    }
}
