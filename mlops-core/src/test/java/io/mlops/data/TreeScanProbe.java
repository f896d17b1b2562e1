package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.testing.Processes;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans a tree in a separate JVM run as the unprivileged user {@code nobody}.
 *
 * <p>Root ignores file permissions, so on a machine where the tests run as root (CI) an unreadable
 * directory can only be shown unreadable to a process without root's capabilities.
 */
public final class TreeScanProbe {
    private TreeScanProbe() {}

    /**
     * Scans {@code args[0]}; prints the error and exits 1 on a user error.
     *
     * @param args the path to scan
     */
    public static void main(String[] args) {
        try {
            System.out.println(TreeScanner.scan(Path.of(args[0])).size() + " files");
        } catch (UserError e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the scan as {@code nobody} through {@code setpriv}, with a copy of the classes that
     * user can read.
     *
     * @param target what to scan; it and its parents must be traversable by others
     * @param scratch a directory for the class copy
     * @return what the probe printed and its exit status
     */
    static Processes.Result scanAsNobody(Path target, Path scratch) throws IOException, URISyntaxException {
        Path testClasses = codeSource(TreeScanProbe.class);
        Path copy = Files.createDirectories(scratch.resolve("probe-classes"));
        List<String> classPath = new ArrayList<>(List.of(copy.toString()));
        // core's classes and the mlops-protocol foundations they stand on (a directory or a jar)
        for (Path classes : List.of(codeSource(TreeScanner.class), codeSource(UserError.class))) {
            if (Files.isDirectory(classes)) {
                copyTree(classes, copy);
            } else {
                classPath.add(Files.copy(
                                classes, scratch.resolve(classes.getFileName().toString()))
                        .toString());
            }
        }
        copyTree(testClasses.resolve("io/mlops/data"), copy.resolve("io/mlops/data"));
        makeReadableByAll(scratch);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Processes.run(
                scratch,
                List.of(
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        java,
                        "-cp",
                        String.join(File.pathSeparator, classPath),
                        TreeScanProbe.class.getName(),
                        target.toString()));
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void makeReadableByAll(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
