package com.astro.session.presence;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.astro.common.event.Rates;

/**
 * This service's view of an astrologer, the latest {@code presence-changed} it has seen (highest version).
 * {@code currentSessionId} names the session presence last saw them busy in, so that a start can tell a busy flag
 * that is only lagging behind an end this service already made (null in records stored before it was kept).
 */
@Document("astrologers")
public record KnownAstrologer(@Id String id, String displayName, boolean online, boolean busy, Rates rates,
        long version, String currentSessionId) {
}
