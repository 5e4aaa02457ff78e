package com.astro.chat.read;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How far one participant has read one session, in {@value #COLLECTION}: every message up to {@code seq}.
 * {@code seq} only grows ({@code $max}), so marks in any order, repeated, or from several instances converge.
 */
@Document(ReadPosition.COLLECTION)
record ReadPosition(@Id String id, String sessionId, String readerId, long seq) {

    static final String COLLECTION = "read_positions";

    static String id(String sessionId, String readerId) {
        return sessionId + ":" + readerId;
    }
}
