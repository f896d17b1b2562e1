package io.mlops.registry.http;

import io.mlops.tracking.TrackingError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories a client may register model files from. The server reads a registered file to
 * hash it, so a path from a request is taken only when, links resolved, it lies under one of them.
 */
final class FileRoots {
    private final List<Path> roots;

    FileRoots(List<Path> roots) {
        this.roots = roots.stream().map(FileRoots::real).toList();
    }

    Path check(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw TrackingError.invalid("Model file " + file + " cannot be read: " + e.getMessage());
        }
        if (roots.stream().noneMatch(real::startsWith)) {
            throw TrackingError.invalid("Model file " + file + " is outside the directories this server registers"
                    + " model files from ("
                    + (roots.isEmpty() ? "none; start mlops server with --model-files DIR" : roots.toString()) + ").");
        }
        return real;
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }
}
