package com.astro.chat.moderation;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Moderation of chat text, bound from {@code astro.chat.moderation.*}.
 *
 * @param blockedWords words masked in every message, whole words, case-insensitive ({@code CHAT_BLOCKED_WORDS},
 *        comma separated; none by default)
 */
@ConfigurationProperties("astro.chat.moderation")
record ModerationProperties(@DefaultValue List<String> blockedWords) {
}
