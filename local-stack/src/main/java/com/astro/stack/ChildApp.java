package com.astro.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One application instance running as a child process, its output going to its own log file. */
public final class ChildApp {

    private static final int LOG_LINES_ON_FAILURE = 25;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;

    private final App app;

    private final int port;

    private final Path log;

    private final Process process;

    private ChildApp(String name, App app, int port, Path log, Process process) {
        this.name = name;
        this.app = app;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ChildApp launch(String name, App app, int port, Path jar, List<String> jvmFlags, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new ChildApp(name, app, port, log, builder.start());
    }

    /** The instance's name: the module, with {@code -2}, {@code -3}... for further instances. */
    public String name() {
        return name;
    }

    public App app() {
        return app;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until readiness answers UP; fails naming the instance and its log when it exits or takes too long. */
    void awaitReady(Instant deadline) {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " during start-up; see " + log + "\n" + lastLinesOfLog());
            }
            if (isReady(readiness)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready on port " + port + " in time; see " + log);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, ex);
            }
        }
    }

    /** The end of the log says why an instance died; a CI report that shows only the exception then still shows that. */
    private String lastLinesOfLog() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }

    private static boolean isReady(URI readiness) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the process to stop (SIGTERM: a graceful Spring shutdown). */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the stop asked for, killing the process when it does not stop in time. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
