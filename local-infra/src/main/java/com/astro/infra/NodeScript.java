package com.astro.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a JavaScript file under Node with the repository's {@code node/node_modules} on
 * {@code NODE_PATH}, so test scripts can {@code require("socket.io-client")}. Install those
 * packages with {@code npm ci --prefix node} (the test command does).
 */
public final class NodeScript {

    private NodeScript() {
    }

    /** The result of one run: exit code and everything printed. */
    public record Result(int exitCode, String stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("node")) && Files.exists(dir.resolve("pom.xml"))
                    && Files.exists(dir.resolve("node").resolve("package.json"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with node/package.json) not found above "
                + Path.of("").toAbsolutePath());
    }

    public static Path nodeModules() {
        Path modules = repositoryRoot().resolve("node").resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("socket.io-client"))) {
            throw new IllegalStateException("socket.io-client is not installed: run `npm ci --prefix node` at "
                    + repositoryRoot());
        }
        return modules;
    }

    /** Runs {@code node script args...} with extra environment variables, waiting at most {@code timeout}. */
    public static Result run(Path script, Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(script.toAbsolutePath().toString());
        command.addAll(List.of(args));
        try {
            File out = File.createTempFile("node-out", ".txt");
            File err = File.createTempFile("node-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err);
            builder.environment().put("NODE_PATH", nodeModules().toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, Files.readString(out.toPath(), StandardCharsets.UTF_8),
                        Files.readString(err.toPath(), StandardCharsets.UTF_8) + "\n[timed out after " + timeout + "]");
            }
            Result result = new Result(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
            out.delete();
            err.delete();
            return result;
        }
        catch (IOException ex) {
            throw new IllegalStateException("could not run node " + script, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running node " + script, ex);
        }
    }
}
