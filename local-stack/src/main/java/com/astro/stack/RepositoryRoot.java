package com.astro.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository the stack runs from: {@code ASTRO_HOME}, or the nearest parent of the working directory holding the build. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path locate() {
        String home = System.getenv("ASTRO_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("gateway"))
                    && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath()
                + ": run from inside the repository or set ASTRO_HOME");
    }
}
