package com.astro.chat.typing;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.astro.chat.realtime.UserRelay;
import com.astro.chat.session.SessionAccess;
import com.astro.common.security.CurrentUser;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Who is typing where, per socket and session, on the instance holding the typing socket; never stored. A
 * {@code typing:start} is relayed to the other participant (on whatever instance) at most once per relay interval,
 * and every start, relayed or not, pushes the indicator's expiry back; a stop, the expiry and the socket's
 * disconnect relay {@code typing:stop} once. Only participants of an active session may type in it (the session is
 * read from the in-memory cache of active sessions, so typing costs no Mongo round trip).
 */
@Component
@EnableConfigurationProperties(TypingProperties.class)
public class TypingIndicators {

    private static final Logger log = LoggerFactory.getLogger(TypingIndicators.class);

    static final String START = "typing:start";

    static final String STOP = "typing:stop";

    private final SessionAccess access;

    private final UserRelay relay;

    private final Clock clock;

    private final long relayIntervalMillis;

    private final long timeoutMillis;

    private final Map<Key, Indicator> typing = new ConcurrentHashMap<>();

    private record Key(String socketId, String sessionId) {
    }

    /**
     * One socket typing in one session: whom to tell, when it was last told, and the pending expiry, which ends
     * only the indicator it was scheduled for (its {@code token}): an expiry already running while a start
     * refreshes the indicator must not end the fresh one.
     */
    private record Indicator(String typistId, String otherId, long relayedAt, Object token, Disposable expiry) {
    }

    TypingIndicators(SessionAccess access, UserRelay relay, Clock clock, TypingProperties properties) {
        this.access = access;
        this.relay = relay;
        this.clock = clock;
        this.relayIntervalMillis = properties.relayInterval().toMillis();
        this.timeoutMillis = properties.timeout().toMillis();
    }

    /** The socket's user types in the session: relayed unless relayed within the interval; the expiry restarts. */
    public Mono<Void> start(CurrentUser typist, String socketId, String sessionId) {
        return access.activeFor(sessionId, typist).doOnNext(session -> {
            Key key = new Key(socketId, sessionId);
            Indicator[] relayed = new Indicator[1];
            typing.compute(key, (k, before) -> {
                long now = clock.millis();
                if (before != null) {
                    before.expiry().dispose();
                }
                boolean due = before == null || now - before.relayedAt() >= relayIntervalMillis;
                Object token = new Object();
                Indicator after = new Indicator(typist.id(), session.otherParticipant(typist.id()),
                        due ? now : before.relayedAt(), token, expiry(k, token));
                if (due) {
                    relayed[0] = after;
                }
                return after;
            });
            if (relayed[0] != null) {
                send(relayed[0], sessionId, START);
            }
        }).then();
    }

    /** The socket's user stopped typing: the other participant is told, if it had been told of the typing. */
    public Mono<Void> stop(CurrentUser typist, String socketId, String sessionId) {
        return access.activeFor(sessionId, typist).doOnNext(session -> end(new Key(socketId, sessionId))).then();
    }

    /** A closed socket types no more: every indicator it held ends now rather than at its expiry. */
    public void socketClosed(String socketId) {
        typing.keySet().stream().filter(key -> key.socketId().equals(socketId)).toList().forEach(this::end);
    }

    private Disposable expiry(Key key, Object token) {
        return Schedulers.parallel().schedule(() -> {
            Indicator current = typing.get(key);
            if (current != null && current.token() == token && typing.remove(key, current)) {
                send(current, key.sessionId(), STOP);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void end(Key key) {
        Indicator ended = typing.remove(key);
        if (ended != null) {
            ended.expiry().dispose();
            send(ended, key.sessionId(), STOP);
        }
    }

    private void send(Indicator indicator, String sessionId, String event) {
        // nobody waits for a typing relay; a lost one is corrected by the next start or by the other side's stop
        relay.toUser(indicator.otherId(), event, new TypingNotice(sessionId, indicator.typistId()))
                .subscribe(null, ex -> log.debug("{} of session {} not relayed: {}", event, sessionId, ex.toString()));
    }
}
