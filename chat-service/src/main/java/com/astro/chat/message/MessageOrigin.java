package com.astro.chat.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.stereotype.Component;

/**
 * Marks the {@code message-sent} records this process publishes right after storing a message and giving it to its
 * own rooms, so that its fan-out consumer can pass over them unread: it has nothing left to do with them. The mark
 * names the process, not {@code CHAT_INSTANCE_ID}: a restarted instance, or two started under one id, never passes
 * over a record it did not deliver itself. A republication (outbox sweep, resend) carries no mark, so every
 * instance reads it.
 */
@Component
public class MessageOrigin {

    /** The record header; its value means nothing outside the process that wrote it. */
    public static final String HEADER = "chat-delivered-by";

    private final byte[] process = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);

    /** The mark for a record of a message this process stored and delivered. */
    List<Header> mark() {
        return List.of(new RecordHeader(HEADER, process));
    }

    /** Whether this process stored the record's message and gave it to its rooms before publishing it. */
    public boolean deliveredHere(Headers headers) {
        Header mark = headers.lastHeader(HEADER);
        return mark != null && Arrays.equals(mark.value(), process);
    }
}
