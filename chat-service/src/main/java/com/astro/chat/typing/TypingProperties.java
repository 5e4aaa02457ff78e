package com.astro.chat.typing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typing indicator settings, bound from {@code astro.chat.typing.*}.
 *
 * @param relayInterval the shortest time between two {@code typing:start} relays of one socket in one session
 *        (CHAT_TYPING_RELAY_INTERVAL): clients send one per keystroke, the other participant needs one now and then
 * @param timeout how long an indicator lasts without a fresh {@code typing:start} (CHAT_TYPING_TIMEOUT); then the
 *        other participant gets {@code typing:stop}. Keep it above the relay interval.
 */
@ConfigurationProperties("astro.chat.typing")
record TypingProperties(
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("5s") Duration timeout) {
}
