package com.astro.token.call;

/** The identity a token is asked for: the caller's own by default, or an explicit account or numeric uid. */
sealed interface RequestedUid {

    /** No uid given: the caller's own account. */
    record Own() implements RequestedUid {
    }

    /** A string uid: an Agora user account. */
    record Account(String account) implements RequestedUid {
    }

    /** A numeric Agora uid, 1 to 2^32-1. */
    record Numeric(long uid) implements RequestedUid {
    }
}
