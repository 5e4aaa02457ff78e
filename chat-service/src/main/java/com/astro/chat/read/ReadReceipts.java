package com.astro.chat.read;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.astro.chat.ChatRefusal;
import com.astro.chat.message.MessageStore;
import com.astro.chat.realtime.UserRelay;
import com.astro.chat.session.ChatSession;
import com.astro.chat.session.SessionAccess;
import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read receipts: a participant marks a session read up to a message, the position only moves forward, and the
 * other participant is told ({@code message:read}, relayed to wherever their sockets are) when it moved. Kept
 * off the message path: sending a message reads and writes nothing here.
 */
@Service
public class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    static final String EVENT = "message:read";

    /** Sessions of one list counted at once: a list's counts come in one answer without a burst on the store. */
    private static final int CONCURRENT_COUNTS = 8;

    private final SessionAccess access;

    private final MessageStore messages;

    private final ReadStore positions;

    private final UserRelay relay;

    ReadReceipts(SessionAccess access, MessageStore messages, ReadStore positions, UserRelay relay) {
        this.access = access;
        this.messages = messages;
        this.positions = positions;
        this.relay = relay;
    }

    /**
     * Marks every message up to {@code seq} read for the reader, a participant of the session (active or ended:
     * the history stays readable), and answers the reader's position now, which a lower {@code seq} leaves where
     * it was. A {@code seq} with no message yet is refused and changes nothing.
     */
    public Mono<Long> markRead(CurrentUser reader, String sessionId, long seq) {
        return access.visibleTo(sessionId, reader, false)
                .flatMap(session -> messages.holds(session.id(), seq).flatMap(held -> held
                        ? positions.raise(session.id(), reader.id(), seq).map(before -> moved(session, reader, before, seq))
                        : Mono.error(new ChatRefusal(ChatRefusal.SEQ_NOT_FOUND,
                                "Session " + sessionId + " has no message " + seq + " yet"))));
    }

    private long moved(ChatSession session, CurrentUser reader, long before, long seq) {
        if (seq <= before) {
            return before;
        }
        // a notification, not the record: the position is stored, and a lost relay is seen in the next history
        relay.toUser(session.otherParticipant(reader.id()), EVENT, new ReadNotice(session.id(), reader.id(), seq))
                .subscribe(null, ex -> log.warn("message:read of session {} not relayed: {}", session.id(),
                        ex.toString()));
        return seq;
    }

    /** Both participants' read positions, the user's first. */
    public Mono<List<ReadMark>> of(ChatSession session) {
        return Mono.zip(positions.position(session.id(), session.userId()),
                positions.position(session.id(), session.astrologerId()))
                .map(both -> List.of(new ReadMark(session.userId(), both.getT1()),
                        new ReadMark(session.astrologerId(), both.getT2())));
    }

    /** The caller's unread messages in a session the caller takes part in (anyone else: session_not_found). */
    Mono<UnreadCount> unread(CurrentUser caller, String sessionId) {
        return access.visibleTo(sessionId, caller, false).flatMap(session -> Mono
                .zip(positions.position(session.id(), caller.id()), messages.lastSeq(session.id()))
                .flatMap(known -> {
                    long read = known.getT1();
                    long last = Math.max(read, known.getT2());
                    // caught up: nothing to count (the count is the one query that is not by id)
                    Mono<Long> unread = read >= last ? Mono.just(0L)
                            : messages.countFromOthers(session.id(), read, caller.id());
                    return unread.map(count -> new UnreadCount(session.id(), count, read, last));
                }));
    }

    /**
     * The caller's unread counts in each of the listed sessions, in the order listed; sessions the caller does
     * not take part in are left out, like unknown ones.
     */
    Flux<UnreadCount> unread(CurrentUser caller, List<String> sessionIds) {
        return Flux.fromIterable(sessionIds).distinct().flatMapSequential(id -> unread(caller, id)
                .onErrorResume(ChatRefusal.class, ex -> Mono.empty()), CONCURRENT_COUNTS);
    }
}
