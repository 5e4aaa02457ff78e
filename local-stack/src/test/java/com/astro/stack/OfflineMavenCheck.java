package com.astro.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Maven commands that run offline with nothing to fall back on. On a fresh machine the local repository lacks
 * plugins and their own dependencies, so {@code mvn -o} fails there ("Cannot access central in offline mode"): a
 * script or documented command may use {@code -o} only when the same line repeats the build online after
 * {@code ||} (quick when everything is present, still working when not).
 */
final class OfflineMavenCheck {

    /** A command runs from {@code mvn} to the end of its shell word list or Markdown code span. */
    private static final Pattern MAVEN_COMMAND = Pattern.compile("\\bmvn\\b[^`;|&)\\n]*");

    /** {@code -o}, alone or among other single-letter flags ({@code -Bo}), and {@code --offline}. */
    private static final Pattern OFFLINE_FLAG = Pattern.compile("(?<=\\s)(?:-[BqUeXNCc]*o[BqUeXNCc]*|--offline)(?=\\s|$)");

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", "reports");

    private OfflineMavenCheck() {
    }

    /** {@code file:line: text} for every offending line of the scripts, CI files, Dockerfiles and Markdown under root. */
    static List<String> violations(Path root) {
        List<String> found = new ArrayList<>();
        for (Path file : checkedFiles(root)) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (isUnguardedOffline(lines.get(i))) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return found;
    }

    /** Whether the line runs Maven offline without an online {@code mvn} after a later {@code ||}. */
    static boolean isUnguardedOffline(String line) {
        Matcher command = MAVEN_COMMAND.matcher(line);
        while (command.find()) {
            if (OFFLINE_FLAG.matcher(command.group()).find() && !hasOnlineFallback(line.substring(command.end()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOnlineFallback(String rest) {
        int or = rest.indexOf("||");
        if (or < 0) {
            return false;
        }
        Matcher command = MAVEN_COMMAND.matcher(rest.substring(or));
        while (command.find()) {
            if (!OFFLINE_FLAG.matcher(command.group()).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> checkedFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    return SKIPPED_DIRECTORIES.contains(directory.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (isChecked(root, file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return files.stream().sorted().toList();
    }

    private static boolean isChecked(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String name = file.getFileName().toString();
        return relative.startsWith("scripts/") || relative.startsWith(".ci/") || name.endsWith(".md")
                || name.endsWith(".sh") || name.startsWith("Dockerfile");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
