package io.mlops.labels.format;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file or directory under a temporary name beside its destination and renames it into
 * place, so that a failed conversion never leaves half a label set under the name asked for.
 */
public final class AtomicOutput {
    private AtomicOutput() {}

    /** Writes the content of a temporary file or directory. */
    @FunctionalInterface
    public interface Content {
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
    public static void create(Path output, Content content) {
        write(output, content, false);
    }

    /**
     * Creates a file or directory atomically, replacing what is there: the old one is renamed aside
     * only once the new one is complete, and deleted after the new one took its name.
     *
     * @param output the destination
     * @param content writes the temporary path
     * @throws UserError when writing fails; the old content is then left as it was
     */
    public static void replace(Path output, Content content) {
        write(output, content, true);
    }

    private static void write(Path output, Content content, boolean replace) {
        Path target = output.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            if (!replace && Files.exists(target) && !emptyDirectory(target)) {
                throw new UserError("output " + output + " already exists; choose a new path or remove it");
            }
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserError("cannot prepare output " + output + ": " + e.getMessage(), e);
        }
        Path temporary = sibling(target, "tmp");
        Path old = sibling(target, "old");
        try {
            content.write(temporary);
            boolean aside = false;
            if (replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                move(target, old);
                aside = true;
            } else if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            try {
                move(temporary, target);
            } catch (IOException e) {
                if (aside) {
                    move(old, target);
                }
                throw e;
            }
            deleteTree(old);
        } catch (IOException e) {
            throw new UserError("cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            deleteTree(temporary);
        }
    }

    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "." + kind);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
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
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
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
