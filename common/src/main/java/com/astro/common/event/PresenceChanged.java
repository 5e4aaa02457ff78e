package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An astrologer's whole current presence. The topic is compacted, so the latest event per
 * astrologer is their presence now; {@code version} grows by one with every change of one
 * astrologer, so a consumer keeps an event only if its version is higher than the one it has.
 * {@code connectionLost} is true while the astrologer is offline because every realtime connection went away for
 * longer than the grace period (not by going offline themselves); {@code lastSeen} is then when the last went away.
 * {@code ratingCount} and {@code ratingAverage} (null while unrated) summarize the users' ratings of the
 * astrologer's sessions; records written before ratings existed read as 0 and null.
 */
public record PresenceChanged(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String astrologerId,
        String displayName,
        boolean online,
        boolean busy,
        String currentSessionId,
        Instant lastSeen,
        Rates rates,
        long version,
        Boolean connectionLost,
        long ratingCount,
        Double ratingAverage) implements DomainEvent {

    /** Records written before {@code connectionLost} existed have none: not lost. */
    public PresenceChanged {
        connectionLost = connectionLost != null && connectionLost;
    }

    public static final int SCHEMA_VERSION = 1;

    public static PresenceChanged of(Instant occurredAt, String astrologerId, String displayName, boolean online,
            boolean busy, String currentSessionId, Instant lastSeen, Rates rates, long version) {
        return of(occurredAt, astrologerId, displayName, online, busy, currentSessionId, lastSeen, rates, version,
                false, 0, null);
    }

    public static PresenceChanged of(Instant occurredAt, String astrologerId, String displayName, boolean online,
            boolean busy, String currentSessionId, Instant lastSeen, Rates rates, long version, boolean connectionLost,
            long ratingCount, Double ratingAverage) {
        return new PresenceChanged(UUID.randomUUID().toString(), Topics.PRESENCE_CHANGED, SCHEMA_VERSION, occurredAt,
                astrologerId, displayName, online, busy, currentSessionId, lastSeen, rates, version, connectionLost,
                ratingCount, ratingAverage);
    }

    @Override
    public String key() {
        return astrologerId;
    }
}
