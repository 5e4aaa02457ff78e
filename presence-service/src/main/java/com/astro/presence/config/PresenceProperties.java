package com.astro.presence.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence rules, bound from {@code astro.presence.*}.
 *
 * @param rates the range a published rate (coins per minute) must fall in
 * @param disconnectGrace how long an online astrologer may have no realtime connection before going offline,
 *        so that a page reload does not flicker them offline
 * @param heartbeatMisses how many heartbeat intervals a chat instance may stay silent before it is considered
 *        dead and its connections gone
 * @param defaultHeartbeatInterval the interval assumed for a chat instance known only from connection events,
 *        until its first heartbeat tells the real one
 * @param sweepInterval how often every instance applies the disconnect rules (and republishes stale changes)
 * @param republishAfter how old a stored change whose event was never acknowledged must be before a sweep
 *        publishes it (long enough that the instance that made it has surely finished or died)
 * @param serviceCredential the secret chat-service sends on its internal presence calls for an astrologer's socket
 *        ({@code PRESENCE_SERVICE_CREDENTIAL}, the same value in both services); empty refuses every internal call
 */
@ConfigurationProperties("astro.presence")
public record PresenceProperties(
        @DefaultValue RateRange rates,
        @DefaultValue("30s") Duration disconnectGrace,
        @DefaultValue("3") int heartbeatMisses,
        @DefaultValue("10s") Duration defaultHeartbeatInterval,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("10s") Duration republishAfter,
        @DefaultValue("") String serviceCredential) {

    /** Inclusive bounds of a rate. */
    public record RateRange(@DefaultValue("1") long min, @DefaultValue("1000") long max) {
    }
}
