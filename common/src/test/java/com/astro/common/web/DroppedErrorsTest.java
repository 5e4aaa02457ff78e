package com.astro.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** An error Reactor drops because the client went away is not logged as an error; any other still is. */
@ExtendWith(OutputCaptureExtension.class)
class DroppedErrorsTest {

    @BeforeAll
    static void install() {
        DroppedErrors.install();
    }

    @Test
    void aBrokenPipeAfterTheClientLeftIsNotAnError(CapturedOutput output) {
        Operators.onErrorDropped(new IllegalStateException("write failed", new IOException("Broken pipe")),
                Context.empty());
        Operators.onErrorDropped(new IOException("Connection reset by peer"), Context.empty());

        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("Broken pipe")
                .doesNotContain("Connection reset by peer");
    }

    @Test
    void anyOtherDroppedErrorIsStillLoggedAsAnError(CapturedOutput output) {
        Operators.onErrorDropped(new IllegalStateException("a real bug"), Context.empty());

        assertThat(output.getAll()).contains("ERROR").contains("a real bug");
    }
}
