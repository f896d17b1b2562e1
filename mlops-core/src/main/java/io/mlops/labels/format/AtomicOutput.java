package io.mlops.labels.format;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file or directory under a temporary name beside its destination and renames it into
 * place, so that a failed conversion never leaves half a label set under the name asked for.
 */
final class AtomicOutput {
    private AtomicOutput() {}

    /** Writes the content of a temporary file or directory. */
    @FunctionalInterface
    interface Content {
        /**
         * Writes.
         *
         * @param temporary the path to create
         * @throws IOException when writing fails
         */
        void write(Path temporary) throws IOException;
    }

    /**
     * Creates a file or directory atomically.
     *
     * @param output the destination; must not exist, except as an empty directory
     * @param content writes the temporary path
     * @throws UserError when the destination is taken or writing fails
     */
    static void create(Path output, Content content) {
        Path target = output.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            if (Files.exists(target) && !emptyDirectory(target)) {
                throw new UserError("output " + output + " already exists; choose a new path or remove it");
            }
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserError("cannot prepare output " + output + ": " + e.getMessage(), e);
        }
        Path temporary = parent.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            content.write(temporary);
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            deleteTree(temporary);
        }
    }

    private static boolean emptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temporary carries a dot name and never the output's own name
        }
    }
}
