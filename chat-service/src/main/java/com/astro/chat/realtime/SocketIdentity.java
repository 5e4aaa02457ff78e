package com.astro.chat.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.astro.common.security.CurrentUser;
import com.astro.socketio.server.Socket;

import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * How long a socket's identity lasts. The user is fixed at connect; each newer token of the same subject
 * ({@code auth:refresh}) moves the deadline to that token's expiry plus the grace. At the deadline, or when a
 * refresh names another subject, the client is told why ({@code auth:revoked {code, message}}) and disconnected.
 * Runs on the system clock, like token verification: the deadline is real time, not business time.
 */
final class SocketIdentity {

    static final String REVOKED = "auth:revoked";

    static final String TOKEN_EXPIRED = "token_expired";

    static final String SUBJECT_CHANGED = "subject_changed";

    private final Socket socket;

    private final CurrentUser user;

    private final Duration grace;

    private final Clock clock = Clock.systemUTC();

    private Instant expiresAt;

    private Disposable timer;

    private boolean closed;

    SocketIdentity(Socket socket, CurrentUser user, Instant expiresAt, Duration grace) {
        this.socket = socket;
        this.user = user;
        this.grace = grace;
        extend(expiresAt);
    }

    CurrentUser user() {
        return user;
    }

    synchronized Instant expiresAt() {
        return expiresAt;
    }

    Instant disconnectAt() {
        return expiresAt().plus(grace);
    }

    /** A newer token of the same user arrived; an older one never shortens the socket's life. */
    synchronized void extend(Instant tokenExpiresAt) {
        if (expiresAt != null && !tokenExpiresAt.isAfter(expiresAt)) {
            return;
        }
        expiresAt = tokenExpiresAt;
        if (timer != null) {
            timer.dispose();
        }
        schedule();
    }

    private synchronized void schedule() {
        if (closed) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), expiresAt.plus(grace)).toMillis());
        timer = Schedulers.parallel().schedule(this::expired, delay + 1, TimeUnit.MILLISECONDS);
    }

    /** A refresh named another user: the socket cannot change hands. */
    void subjectChanged(String subject) {
        revoke(SUBJECT_CHANGED, "The refreshed token belongs to '" + subject + "', not to this socket's user '"
                + user.id() + "'; disconnecting");
    }

    synchronized void closed() {
        closed = true;
        if (timer != null) {
            timer.dispose();
        }
    }

    private void expired() {
        if (clock.instant().isBefore(disconnectAt())) {
            schedule(); // a refresh landed while this timer was firing
            return;
        }
        revoke(TOKEN_EXPIRED, "The socket's token expired at " + expiresAt() + " and was not refreshed within "
                + grace.toSeconds() + " s (send auth:refresh {token} before it expires); disconnecting");
    }

    private void revoke(String code, String message) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("code", code);
        reason.put("message", message);
        socket.emit(REVOKED, reason);
        socket.disconnect();
    }
}
