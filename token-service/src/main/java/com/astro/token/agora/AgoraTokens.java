package com.astro.token.agora;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.agora.media.AccessToken2;
import io.agora.media.RtcTokenBuilder2;
import io.agora.rtm.RtmTokenBuilder2;

/**
 * Signs AccessToken2 tokens with Agora's own builders. Callers decide who may have a token and for how long;
 * this class only turns that decision into a token whose token expiry and privilege expiry are both
 * {@code validFor}. The builders stamp the issue time themselves, so the expiry answered is read back from the
 * token rather than guessed.
 */
@Component
public class AgoraTokens {

    private static final Logger log = LoggerFactory.getLogger(AgoraTokens.class);

    private final AgoraProperties properties;

    AgoraTokens(AgoraProperties properties) {
        this.properties = properties;
        if (!properties.configured()) {
            log.warn("Agora is not configured (AGORA_APP_ID and AGORA_APP_CERTIFICATE must both be 32 hex "
                    + "characters); token endpoints answer 503 until it is");
        }
    }

    public boolean configured() {
        return properties.configured();
    }

    public String appId() {
        return properties.appId();
    }

    /** An RTC publisher token for a user account (a string uid). */
    public IssuedToken rtcForAccount(String channelName, String account, Duration validFor) {
        int seconds = seconds(validFor);
        return issued(new RtcTokenBuilder2().buildTokenWithUserAccount(properties.appId(),
                properties.appCertificate(), channelName, account, RtcTokenBuilder2.Role.ROLE_PUBLISHER, seconds,
                seconds));
    }

    /** An RTC publisher token for a numeric uid (1 to 2^32-1). */
    public IssuedToken rtcForUid(String channelName, long uid, Duration validFor) {
        if (uid < 1 || uid > AgoraNames.MAX_NUMERIC_UID) {
            throw new IllegalArgumentException("a numeric uid is 1 to " + AgoraNames.MAX_NUMERIC_UID);
        }
        int seconds = seconds(validFor);
        // the builder takes the unsigned 32-bit uid as a Java int and prints it back unsigned
        return issued(new RtcTokenBuilder2().buildTokenWithUid(properties.appId(), properties.appCertificate(),
                channelName, (int) uid, RtcTokenBuilder2.Role.ROLE_PUBLISHER, seconds, seconds));
    }

    /** An RTM (signalling) login token for a user id. */
    public IssuedToken rtm(String userId, Duration validFor) {
        return issued(new RtmTokenBuilder2().buildToken(properties.appId(), properties.appCertificate(), userId,
                seconds(validFor)));
    }

    private IssuedToken issued(String token) {
        AccessToken2 parsed = new AccessToken2();
        if (token == null || token.isEmpty() || !parsed.parse(token)) {
            throw new IllegalStateException("Agora's builder produced no token; check the app id and certificate");
        }
        Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(parsed.issueTs) + parsed.expire);
        return new IssuedToken(token, expiresAt);
    }

    private static int seconds(Duration validFor) {
        long seconds = validFor.toSeconds();
        if (seconds < 1 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a token is valid for 1 second to 68 years, not " + validFor);
        }
        return (int) seconds;
    }
}
