package com.astro.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import reactor.core.Exceptions;
import reactor.netty.channel.AbortedException;

class DroppedErrorsTest {

    @Test
    void aWriteToAConnectionThePeerClosedIsAClosedConnection() {
        Throwable dropped = Exceptions.errorCallbackNotImplemented(new IOException("sendAddress(..) failed: Broken pipe"));
        assertThat(DroppedErrors.isClosedConnection(dropped)).isTrue();
        assertThat(DroppedErrors.isClosedConnection(new AbortedException("Connection has been closed"))).isTrue();
    }

    @Test
    void anythingElseDroppedIsNot() {
        assertThat(DroppedErrors.isClosedConnection(new IllegalStateException("a bug"))).isFalse();
        assertThat(DroppedErrors.isClosedConnection(Exceptions.errorCallbackNotImplemented(new NullPointerException()))).isFalse();
    }
}
