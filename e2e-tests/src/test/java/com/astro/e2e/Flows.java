package com.astro.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.astro.infra.NodeScript;

/** Runs a flow script under Node and asserts it passed, with everything it printed in the report. */
final class Flows {

    private Flows() {
    }

    /** A short random id, so the people a run creates never meet an earlier run's. */
    static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs {@code script}; it passed when it exits 0 having printed {@code passedLine}. Answers what it printed. */
    static String runPassing(Path script, Map<String, String> env, Duration timeout, String passedLine) {
        NodeScript.Result flow = NodeScript.run(script, env, timeout);
        // step timings stay in the test report either way
        System.out.println(flow.stdout());
        assertThat(flow.succeeded())
                .as("%s failed.\n--- stdout\n%s\n--- stderr\n%s", script.getFileName(), flow.stdout(), flow.stderr())
                .isTrue();
        assertThat(flow.stdout()).contains(passedLine);
        return flow.stdout();
    }
}
