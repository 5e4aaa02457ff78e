package com.astro.token.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import com.astro.common.security.CurrentUser;
import com.astro.common.web.Problems;
import com.astro.token.agora.AgoraNames;
import com.astro.token.agora.AgoraProperties;
import com.astro.token.agora.AgoraTokens;
import com.astro.token.agora.IssuedToken;

import reactor.core.publisher.Mono;

/**
 * Who gets a call token. Only a participant (the session's user or astrologer) of the active session whose
 * channel is {@code channelName}, and only for their own identity: their account (the JWT subject) or their
 * own numeric uid ({@link AgoraNames#numericUidOf}). Checks run in this order: Agora configured (else 503),
 * channel known (404), caller a participant (403, so outsiders learn nothing about the session's state),
 * session active, paid for and within its longest length (410), uid the caller's own (403). A token never outlives
 * {@code token-ttl} (the renewal window), {@code fundedUntil} nor {@code acceptedAt + max-session-length}.
 */
@Service
class TokenService {

    private final CallSessionStore sessions;

    private final AgoraTokens agora;

    private final AgoraProperties properties;

    private final Clock clock;

    TokenService(CallSessionStore sessions, AgoraTokens agora, AgoraProperties properties, Clock clock) {
        this.sessions = sessions;
        this.agora = agora;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<TokenResponse> rtc(CurrentUser caller, TokenRequest request) {
        return admitted(caller, request.channelName()).map(session -> {
            Duration validFor = validFor(session);
            long ownNumeric = AgoraNames.numericUidOf(caller.id());
            RequestedUid uid = request.uid();
            if (uid instanceof RequestedUid.Numeric numeric) {
                requireOwn(numeric.uid() == ownNumeric,
                        "numeric uid " + numeric.uid() + " (yours is " + ownNumeric + ")");
                IssuedToken token = agora.rtcForUid(session.channelName(), ownNumeric, validFor);
                return response(token, session, ownNumeric, ownNumeric);
            }
            if (uid instanceof RequestedUid.Account account) {
                requireOwn(account.account().equals(caller.id()), "account '" + account.account() + "'");
            }
            return accountToken(caller, session, validFor, ownNumeric);
        });
    }

    /** An RTM login token for the caller's own account, bounded by the session they take part in. */
    Mono<TokenResponse> rtm(CurrentUser caller, TokenRequest request) {
        return admitted(caller, request.channelName()).map(session -> {
            RequestedUid uid = request.uid();
            if (uid instanceof RequestedUid.Numeric) {
                throw Problems.badRequest(
                        "RTM user ids are strings: omit 'uid' or give your own account");
            }
            if (uid instanceof RequestedUid.Account account) {
                requireOwn(account.account().equals(caller.id()), "account '" + account.account() + "'");
            }
            IssuedToken token = agora.rtm(ownAccount(caller), validFor(session));
            return response(token, session, caller.id(), AgoraNames.numericUidOf(caller.id()));
        });
    }

    private Mono<CallSession> admitted(CurrentUser caller, String channelName) {
        if (!agora.configured()) {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Agora is not configured: set AGORA_APP_ID and AGORA_APP_CERTIFICATE"));
        }
        return sessions.findByChannelName(channelName)
                .switchIfEmpty(Mono.error(() -> Problems.notFound(
                        "No session is known with channel '" + channelName + "'")))
                .map(session -> {
                    if (!session.hasParticipant(caller.id())) {
                        throw Problems.forbidden(
                                "Only the user and the astrologer of this session may get its call tokens");
                    }
                    if (!session.isActive()) {
                        throw new ResponseStatusException(HttpStatus.GONE,
                                "Session " + session.id() + " has ended; its channel admits nobody");
                    }
                    return session;
                });
    }

    /**
     * A token lives until the earliest of: the renewal window from now ({@code token-ttl}), the point the user's
     * coins stop paying ({@code fundedUntil}), and the session's longest length. The client asks again when Agora
     * says the token will expire, and gets a new one only while the session is active and paid for.
     */
    private Duration validFor(CallSession session) {
        Instant now = clock.instant();
        Instant deadline = now.plus(properties.tokenTtl());
        if (session.acceptedAt() != null) {
            Instant longest = session.acceptedAt().plus(properties.maxSessionLength());
            if (longest.isBefore(deadline)) {
                deadline = longest;
            }
        }
        if (session.fundedUntil() != null && session.fundedUntil().isBefore(deadline)) {
            if (Duration.between(now, session.fundedUntil()).toSeconds() < 1) {
                throw new ResponseStatusException(HttpStatus.GONE, "Session " + session.id()
                        + " has used up the user's coins (at " + session.fundedUntil() + "); its call has ended");
            }
            deadline = session.fundedUntil();
        }
        Duration validFor = Duration.between(now, deadline);
        if (validFor.toSeconds() < 1) {
            throw new ResponseStatusException(HttpStatus.GONE, "Session " + session.id()
                    + " has passed the longest a session may last (" + properties.maxSessionLength() + ")");
        }
        return Duration.ofSeconds(validFor.toSeconds());
    }

    private TokenResponse accountToken(CurrentUser caller, CallSession session, Duration validFor, long ownNumeric) {
        String account = ownAccount(caller);
        return response(agora.rtcForAccount(session.channelName(), account, validFor), session, account, ownNumeric);
    }

    private TokenResponse response(IssuedToken token, CallSession session, Object uid, long ownNumeric) {
        return new TokenResponse(token.token(), agora.appId(), session.channelName(), uid, ownNumeric, session.id(),
                token.expiresAt());
    }

    private static String ownAccount(CurrentUser caller) {
        if (!AgoraNames.isUserAccount(caller.id())) {
            throw Problems.badRequest("Your account id cannot be an Agora user "
                    + "account; ask with your numeric uid " + AgoraNames.numericUidOf(caller.id()));
        }
        return caller.id();
    }

    private static void requireOwn(boolean own, String what) {
        if (!own) {
            throw Problems.forbidden(
                    "A token is only issued for your own identity, not for " + what);
        }
    }
}
