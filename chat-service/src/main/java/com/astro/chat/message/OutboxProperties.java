package com.astro.chat.message;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The message outbox, bound from {@code astro.chat.outbox.*}.
 *
 * @param publishWait how long a {@code message:send} whose message the outbox could not hold (Mongo refused that
 *        write) waits for the broker's acknowledgement before it is answered with an error
 *        (CHAT_OUTBOX_PUBLISH_WAIT); a message in the outbox is answered without waiting for the broker
 * @param attemptTimeout how long one publish attempt may be outstanding before the message may be published again
 *        (CHAT_OUTBOX_ATTEMPT_TIMEOUT). It must exceed the producer's {@code delivery.timeout.ms} plus its
 *        {@code max.block.ms}: until then the producer itself may still deliver the first attempt, and a second one
 *        would put the message on {@code message-sent} twice
 * @param sweepInterval how often each instance looks for messages whose attempt is over without an
 *        acknowledgement (CHAT_OUTBOX_SWEEP_INTERVAL)
 */
@ConfigurationProperties("astro.chat.outbox")
record OutboxProperties(
        @DefaultValue("5s") Duration publishWait,
        @DefaultValue("60s") Duration attemptTimeout,
        @DefaultValue("10s") Duration sweepInterval) {
}
