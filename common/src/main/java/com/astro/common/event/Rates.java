package com.astro.common.event;

/** Coins per minute an astrologer charges for each session type; null where the astrologer has set no rate. */
public record Rates(Long chat, Long audio, Long video) {

    public static final Rates NONE = new Rates(null, null, null);

    public Long forType(SessionType type) {
        return switch (type) {
            case CHAT -> chat;
            case AUDIO -> audio;
            case VIDEO -> video;
        };
    }
}
