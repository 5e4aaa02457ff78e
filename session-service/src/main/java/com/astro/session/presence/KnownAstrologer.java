package com.astro.session.presence;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.astro.common.event.Rates;

/** This service's view of an astrologer, the latest {@code presence-changed} it has seen (highest version). */
@Document("astrologers")
public record KnownAstrologer(@Id String id, String displayName, boolean online, boolean busy, Rates rates,
        long version) {
}
