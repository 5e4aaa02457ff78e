package com.astro.chat.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online-list settings, bound from {@code astro.chat.presence.*}.
 *
 * @param listInterval the shortest time between two {@code presence:online-list} broadcasts of an instance
 *        (CHAT_PRESENCE_LIST_INTERVAL): changes within it are coalesced into one list with the latest state
 */
@ConfigurationProperties("astro.chat.presence")
record PresenceProperties(@DefaultValue("1s") Duration listInterval) {
}
