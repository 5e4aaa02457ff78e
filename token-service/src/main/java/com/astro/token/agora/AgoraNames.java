package com.astro.token.agora;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Agora's rules for channel names and user accounts, and the one numeric uid each caller may use.
 * Agora allows letters, digits, space and {@code ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,}; at most
 * 64 bytes for a channel name and 255 bytes for a user account.
 */
public final class AgoraNames {

    public static final int MAX_CHANNEL_BYTES = 64;

    public static final int MAX_ACCOUNT_BYTES = 255;

    /** Agora numeric uids are unsigned 32-bit; 0 means "any uid" and must never be granted. */
    public static final long MAX_NUMERIC_UID = 0xFFFF_FFFFL;

    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9 !#$%&()+\\-:;<=.>?@\\[\\]^_{}|~,]+");

    public static final String ALLOWED_DESCRIPTION =
            "letters, digits, space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,";

    private AgoraNames() {
    }

    public static boolean isChannelName(String value) {
        return value != null && !value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length <= MAX_CHANNEL_BYTES
                && ALLOWED.matcher(value).matches();
    }

    public static boolean isUserAccount(String value) {
        return value != null && !value.isEmpty() && value.getBytes(StandardCharsets.UTF_8).length <= MAX_ACCOUNT_BYTES
                && ALLOWED.matcher(value).matches();
    }

    /**
     * The caller's own numeric uid: the first 32 bits of SHA-256 of their account (the JWT subject), never 0.
     * Stable, so a client may use it across calls; derived, so nobody can claim someone else's. Two accounts
     * sharing a value (about one chance in four billion per pair) would only matter inside one channel.
     */
    public static long numericUidOf(String account) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(account.getBytes(StandardCharsets.UTF_8));
            long uid = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
                    | (digest[3] & 0xFFL);
            return uid == 0 ? 1 : uid;
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
