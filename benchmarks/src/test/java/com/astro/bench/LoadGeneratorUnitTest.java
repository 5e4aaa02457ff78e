package com.astro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.astro.infra.NodeScript;

/**
 * Runs the load generator's own tests (benchmarks/js/test: statistics, the open-loop schedule, the saturation
 * search, loss and duplicate accounting against a fake room, /proc parsing, options, the report) under Node, so
 * the build catches a broken benchmark tool.
 */
class LoadGeneratorUnitTest {

    @Test
    void theNodeTestsOfTheLoadGeneratorPass() throws Exception {
        Path tests = NodeScript.repositoryRoot().resolve("benchmarks/js/test");
        File output = File.createTempFile("bench-node-test", ".txt");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", tests.toString())
                .redirectErrorStream(true).redirectOutput(output);
        builder.environment().put("NODE_PATH", NodeScript.nodeModules().toString());
        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        output.delete();
        assertThat(finished).as("node --test finished in time:\n%s", text).isTrue();
        assertThat(process.exitValue()).as("node --test output:\n%s", text).isZero();
        assertThat(text).contains("# fail 0").containsPattern("# pass [1-9]");
    }
}
