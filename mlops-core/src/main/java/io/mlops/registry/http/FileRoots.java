package io.mlops.registry.http;

import io.mlops.tracking.TrackingError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directories a client may register model files from. The server reads a registered file to
 * hash it, so a path from a request is taken only when, links resolved, it is a regular file under
 * one of them. Every refusal reads the same, whether the file is missing, unreadable or elsewhere,
 * so that a client cannot probe which paths exist on the server.
 */
final class FileRoots {
    private final List<Path> roots;

    FileRoots(List<Path> roots) {
        this.roots = roots.stream().map(FileRoots::real).toList();
    }

    Path check(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        // Outside every root on its face: refused before the file system is asked anything.
        if (roots.stream().noneMatch(absolute::startsWith)) {
            throw refused(file);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw refused(file);
        }
        if (roots.stream().noneMatch(real::startsWith) || !Files.isRegularFile(real) || !Files.isReadable(real)) {
            throw refused(file);
        }
        return real;
    }

    private TrackingError refused(Path file) {
        return TrackingError.invalid("Model file " + file + " is not a readable file in the directories this server"
                + " registers model files from"
                + (roots.isEmpty() ? " (none; start mlops server with --model-files DIR)." : " (--model-files)."));
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }
}
