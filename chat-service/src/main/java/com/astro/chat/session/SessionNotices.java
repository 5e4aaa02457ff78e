package com.astro.chat.session;

import java.time.Instant;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;

/** The payloads of the session notifications sent to clients. */
public final class SessionNotices {

    private SessionNotices() {
    }

    /** {@code session:request}, to the astrologer's sockets. */
    public record Requested(String sessionId, String userId, String astrologerId, String sessionType,
            long ratePerMinute, Instant expiresAt) {

        static Requested of(SessionRequested e) {
            return new Requested(e.sessionId(), e.userId(), e.astrologerId(), e.sessionType().wireName(),
                    e.ratePerMinute(), e.expiresAt());
        }

        static Requested of(ChatSession s) {
            return new Requested(s.id(), s.userId(), s.astrologerId(), s.sessionType(), s.ratePerMinute(),
                    s.expiresAt());
        }
    }

    /** {@code session:accepted}, to the user's and the astrologer's sockets. */
    public record Accepted(String sessionId, String userId, String astrologerId, String sessionType,
            long ratePerMinute, Instant acceptedAt, String channelName) {

        static Accepted of(SessionAccepted e) {
            return new Accepted(e.sessionId(), e.userId(), e.astrologerId(), e.sessionType().wireName(),
                    e.ratePerMinute(), e.acceptedAt(), e.channelName());
        }
    }

    /**
     * {@code session:ended}, to both participants' sockets, whatever the reason. {@code freeMinutes} of the billed
     * minutes were the first-session promotion's: {@code coinsCharged = (billedMinutes - freeMinutes) × rate}.
     */
    public record Ended(String sessionId, String userId, String astrologerId, String sessionType, String reason,
            String endedBy, Instant acceptedAt, Instant endedAt, long ratePerMinute, long billedMinutes,
            long coinsCharged, long freeMinutes) {

        static Ended of(SessionEnded e) {
            return new Ended(e.sessionId(), e.userId(), e.astrologerId(),
                    e.sessionType() == null ? null : e.sessionType().wireName(),
                    e.reason() == null ? null : e.reason().wireName(), e.endedBy(), e.acceptedAt(),
                    e.endedAt() != null ? e.endedAt() : e.occurredAt(), e.ratePerMinute(), e.billedMinutes(),
                    e.coinsCharged(), e.freeMinutes());
        }
    }

    /**
     * {@code session:low-balance}, to the user's sockets: how many more minutes the balance covers after the one in
     * progress, the balance, and when the session ends unless coins are added.
     */
    public record LowBalance(String sessionId, long minutesLeft, long balance, Instant runsOutAt) {

        public static LowBalance of(SessionBalanceRanLow e) {
            return new LowBalance(e.sessionId(), e.minutesLeft(), e.balance(), e.runsOutAt());
        }
    }

    /** {@code session:low-balance}, to the astrologer's sockets: the same notice without the user's balance. */
    public record LowBalanceNotice(String sessionId, long minutesLeft, Instant runsOutAt) {

        public static LowBalanceNotice of(SessionBalanceRanLow e) {
            return new LowBalanceNotice(e.sessionId(), e.minutesLeft(), e.runsOutAt());
        }
    }
}
