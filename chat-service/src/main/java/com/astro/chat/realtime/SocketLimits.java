package com.astro.chat.realtime;

import java.util.Map;

import io.github.bucket4j.Bucket;

/**
 * One socket's event budgets. An event over its budget is refused; a socket that keeps sending past its
 * refusals budget is flooding, and is disconnected rather than answered again and again.
 */
final class SocketLimits {

    enum Verdict { ALLOWED, LIMITED, FLOODING }

    private final Map<String, Bucket> byEvent;

    private final Bucket refusals;

    SocketLimits(SocketRateLimitProperties properties) {
        Bucket presence = properties.presence().newBucket();
        this.byEvent = Map.of(
                "message:send", properties.messageSend().newBucket(),
                "session:request", properties.sessionRequest().newBucket(),
                "presence:on", presence,
                "presence:off", presence,
                // a refresh verifies a signature: a minute's worth of them is plenty for tokens living a minute
                "auth:refresh", presence,
                "join-session", properties.joinSession().newBucket(),
                "message:read", properties.messageRead().newBucket());
        this.refusals = properties.refusals().newBucket();
    }

    /** Spends one of the event's budget, if it has one. */
    Verdict spend(String event) {
        Bucket bucket = byEvent.get(event);
        if (bucket == null || bucket.tryConsume(1)) {
            return Verdict.ALLOWED;
        }
        return refusals.tryConsume(1) ? Verdict.LIMITED : Verdict.FLOODING;
    }
}
