package com.astro.token.agora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.agora.media.AccessToken2;
import io.agora.media.AccessToken2.PrivilegeRtc;
import io.agora.media.AccessToken2.PrivilegeRtm;

class AgoraTokensTest {

    static final String APP_ID = "0123456789abcdef0123456789abcdef";

    static final String CERTIFICATE = "fedcba9876543210fedcba9876543210";

    static final String OTHER_CERTIFICATE = "00112233445566778899aabbccddeeff";

    final AgoraTokens tokens = new AgoraTokens(
            new AgoraProperties(APP_ID, CERTIFICATE, Duration.ofHours(1), Duration.ofHours(4)));

    @Test
    void accountTokenCarriesAppChannelAccountAndPublisherPrivileges() {
        Instant before = Instant.now().minusSeconds(1);
        IssuedToken issued = tokens.rtcForAccount("session_abc", "user_1", Duration.ofMinutes(10));

        AccessToken2 parsed = AgoraTokenCheck.parse(issued.token());
        assertThat(parsed.appId).isEqualTo(APP_ID);
        AccessToken2.ServiceRtc rtc = (AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC);
        assertThat(rtc.getChannelName()).isEqualTo("session_abc");
        assertThat(rtc.getUid()).isEqualTo("user_1");
        assertThat(AgoraTokenCheck.privileges(parsed, AccessToken2.SERVICE_TYPE_RTC)).isEqualTo(Map.of(
                PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL.intValue, 600,
                PrivilegeRtc.PRIVILEGE_PUBLISH_AUDIO_STREAM.intValue, 600,
                PrivilegeRtc.PRIVILEGE_PUBLISH_VIDEO_STREAM.intValue, 600,
                PrivilegeRtc.PRIVILEGE_PUBLISH_DATA_STREAM.intValue, 600));
        assertThat(parsed.expire).isEqualTo(600);
        assertThat(Instant.ofEpochSecond(parsed.issueTs)).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(issued.expiresAt()).isEqualTo(Instant.ofEpochSecond(parsed.issueTs + 600L));
    }

    @Test
    void tokenIsSignedWithTheAppCertificateAndNoOther() {
        IssuedToken issued = tokens.rtcForAccount("session_abc", "user_1", Duration.ofMinutes(10));

        assertThat(AgoraTokenCheck.signedWith(issued.token(), CERTIFICATE)).isTrue();
        assertThat(AgoraTokenCheck.signedWith(issued.token(), OTHER_CERTIFICATE)).isFalse();
    }

    @Test
    void tokenSignedWithAnotherCertificateFailsTheCheck() {
        AgoraTokens stranger = new AgoraTokens(
                new AgoraProperties(APP_ID, OTHER_CERTIFICATE, Duration.ofHours(1), Duration.ofHours(4)));
        IssuedToken forged = stranger.rtcForAccount("session_abc", "user_1", Duration.ofMinutes(10));

        assertThat(AgoraTokenCheck.signedWith(forged.token(), CERTIFICATE)).isFalse();
    }

    @Test
    void numericUidTokenCarriesTheUnsignedUid() {
        IssuedToken issued = tokens.rtcForUid("session_abc", AgoraNames.MAX_NUMERIC_UID, Duration.ofMinutes(5));

        AccessToken2 parsed = AgoraTokenCheck.parse(issued.token());
        AccessToken2.ServiceRtc rtc = (AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC);
        assertThat(rtc.getUid()).isEqualTo("4294967295");
        assertThat(parsed.expire).isEqualTo(300);
        assertThat(AgoraTokenCheck.signedWith(issued.token(), CERTIFICATE)).isTrue();
    }

    @Test
    void uidZeroWhichAdmitsAnyUidIsNeverIssued() {
        assertThatThrownBy(() -> tokens.rtcForUid("session_abc", 0, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rtmTokenGrantsLoginToTheUserIdOnly() {
        IssuedToken issued = tokens.rtm("astro_9", Duration.ofMinutes(30));

        AccessToken2 parsed = AgoraTokenCheck.parse(issued.token());
        assertThat(parsed.appId).isEqualTo(APP_ID);
        AccessToken2.ServiceRtm rtm = (AccessToken2.ServiceRtm) parsed.services.get(AccessToken2.SERVICE_TYPE_RTM);
        assertThat(rtm.getUserId()).isEqualTo("astro_9");
        assertThat(parsed.services).containsOnlyKeys(AccessToken2.SERVICE_TYPE_RTM);
        assertThat(AgoraTokenCheck.privileges(parsed, AccessToken2.SERVICE_TYPE_RTM))
                .isEqualTo(Map.of(PrivilegeRtm.PRIVILEGE_LOGIN.intValue, 1800));
        assertThat(parsed.expire).isEqualTo(1800);
        assertThat(AgoraTokenCheck.signedWith(issued.token(), CERTIFICATE)).isTrue();
    }

    @Test
    void missingOrMalformedCredentialsAreNotConfigured() {
        assertThat(new AgoraProperties(null, null, Duration.ofHours(1), Duration.ofHours(4)).configured()).isFalse();
        assertThat(new AgoraProperties(APP_ID, "", Duration.ofHours(1), Duration.ofHours(4)).configured()).isFalse();
        assertThat(new AgoraProperties("not-hex", CERTIFICATE, Duration.ofHours(1), Duration.ofHours(4)).configured())
                .isFalse();
        assertThat(new AgoraProperties(APP_ID, CERTIFICATE, Duration.ofHours(1), Duration.ofHours(4)).configured())
                .isTrue();
    }
}
