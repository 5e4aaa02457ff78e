package com.astro.token.agora;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgoraNamesTest {

    @Test
    void channelNamesFollowAgorasCharacterSetAndLength() {
        assertThat(AgoraNames.isChannelName("session_user_astrologer_123456")).isTrue();
        assertThat(AgoraNames.isChannelName("a b!#$%&()+-:;<=.>?@[]^_{}|~,")).isTrue();
        assertThat(AgoraNames.isChannelName("x".repeat(64))).isTrue();
        assertThat(AgoraNames.isChannelName("x".repeat(65))).isFalse();
        assertThat(AgoraNames.isChannelName("")).isFalse();
        assertThat(AgoraNames.isChannelName("slash/not-allowed")).isFalse();
        assertThat(AgoraNames.isChannelName("quote\"no")).isFalse();
        assertThat(AgoraNames.isChannelName("caf\u00e9")).isFalse();
    }

    @Test
    void numericUidIsStableNonZeroAndDiffersBetweenAccounts() {
        long first = AgoraNames.numericUidOf("user_1");
        assertThat(AgoraNames.numericUidOf("user_1")).isEqualTo(first);
        assertThat(first).isBetween(1L, AgoraNames.MAX_NUMERIC_UID);
        assertThat(AgoraNames.numericUidOf("user_2")).isNotEqualTo(first);
    }
}
