package io.mlops.agent.serve;

import io.mlops.error.UserError;
import io.mlops.protocol.admin.VersionNumber;
import io.mlops.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's models on disk: {@code <repo>/<model>/<version>/model.onnx} with the bundle's other
 * files beside it. Names from requests are checked before they touch a path: a model name is a
 * plain file name, a version a positive number, and the resolved directory (symbolic links
 * followed) must stay inside the repository. New versions are unpacked under {@code .staging/}
 * and renamed into place, so a half-written version is never seen.
 */
public final class ModelRepository {
    /** The model file of every version. */
    public static final String MODEL_FILE = BundleLayout.MODEL;

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String STAGING = ".staging";

    private final Path root;

    /**
     * Opens (and creates) a repository.
     *
     * @param root its directory
     * @throws UserError when it cannot be created
     */
    public ModelRepository(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
            Files.createDirectories(this.root.resolve(STAGING));
        } catch (IOException e) {
            throw new UserError("cannot create the model repository " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The repository's directory.
     *
     * @return the real path
     */
    public Path root() {
        return root;
    }

    /**
     * Checks a model name.
     *
     * @param model the name from a request
     * @return the name
     * @throws UserError when it is not a plain name (no {@code /}, no {@code ..}, not hidden)
     */
    public static String checkModelName(String model) {
        if (model == null || !MODEL_NAME.matcher(model).matches()) {
            throw new UserError("model name '" + model + "' is not allowed: use 1 to 128 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        return model;
    }

    /**
     * Checks a version.
     *
     * @param version the version from a request
     * @return the version
     * @throws UserError when it is not a positive whole number
     */
    public static String checkVersion(String version) {
        return VersionNumber.check(version);
    }

    /**
     * The directory of a model.
     *
     * @param model the model's name
     * @return its directory, inside the repository
     * @throws UserError when the name is not allowed or the directory leads outside the repository
     */
    public Path modelDir(String model) {
        return inside(root.resolve(checkModelName(model)), model);
    }

    /**
     * The directory of a version.
     *
     * @param model the model's name
     * @param version the version
     * @return its directory, inside the repository
     * @throws UserError when a name is not allowed or the directory leads outside the repository
     */
    public Path versionDir(String model, String version) {
        Path dir = modelDir(model).resolve(checkVersion(version));
        return inside(dir, model + "/" + version);
    }

    private Path inside(Path path, String what) {
        Path normal = path.toAbsolutePath().normalize();
        if (!normal.startsWith(root)) {
            throw new UserError("'" + what + "' leads outside the model repository " + root);
        }
        if (Files.exists(normal, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (!normal.toRealPath().startsWith(root)) {
                    throw new UserError("'" + what + "' is a link that leads outside the model repository " + root);
                }
            } catch (IOException e) {
                throw new UserError("cannot resolve '" + what + "' in the model repository: " + e.getMessage(), e);
            }
        }
        return normal;
    }

    /**
     * The models on disk.
     *
     * @return their names, sorted; directories that are not allowed model names are skipped
     */
    public List<String> models() {
        return children(root).stream()
                .filter(name -> MODEL_NAME.matcher(name).matches())
                .sorted()
                .toList();
    }

    /**
     * A model's versions on disk that hold a model file.
     *
     * @param model the model
     * @return the versions, in version order
     */
    public List<String> versions(String model) {
        Path dir = modelDir(model);
        return children(dir).stream()
                .filter(VersionNumber::isValid)
                .filter(name -> Files.isRegularFile(dir.resolve(name).resolve(MODEL_FILE)))
                .sorted(ServedModel.VERSION_ORDER)
                .toList();
    }

    private static List<String> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * A fresh directory to unpack a bundle into, on the repository's file system so that it can be
     * renamed into place.
     *
     * @return the new, empty directory
     */
    public Path newStagingDir() {
        try {
            return Files.createDirectory(
                    root.resolve(STAGING).resolve(UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory in " + root, e);
        }
    }

    /**
     * Deletes everything under {@code .staging/}: uploads an earlier run did not finish, and
     * deletions it did not complete. Called on start, before any upload.
     */
    public void removeStagingLeftovers() {
        Path staging = root.resolve(STAGING);
        try (Stream<Path> list = Files.list(staging)) {
            for (Path leftover : list.toList()) {
                deleteTree(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + staging, e);
        }
    }

    /**
     * Moves an unpacked version into place in one rename.
     *
     * @param staged the staging directory
     * @param model the model
     * @param version the version
     * @return the version's directory
     * @throws Conflict when the version exists on disk
     */
    public Path install(Path staged, String model, String version) {
        Path target = versionDir(model, version);
        try {
            Files.createDirectories(target.getParent());
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new Conflict("model '" + model + "' version " + version + " exists in the repository; delete it"
                    + " first or upload a new version number");
        } catch (AtomicMoveNotSupportedException e) {
            throw new UserError("cannot rename " + staged + " to " + target + " in one step: " + e.getMessage(), e);
        } catch (IOException e) {
            if (Files.exists(target)) {
                throw new Conflict("model '" + model + "' version " + version + " exists in the repository");
            }
            throw new UncheckedIOException("cannot move " + staged + " to " + target, e);
        }
    }

    /**
     * Deletes a directory of the repository: renamed away first, so the version vanishes at once.
     *
     * @param dir a model or version directory, or a staging directory
     */
    public void delete(Path dir) {
        Path normal =
                inside(dir, root.relativize(dir.toAbsolutePath().normalize()).toString());
        if (!Files.exists(normal, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path trash = root.resolve(STAGING).resolve("deleted-" + UUID.randomUUID());
        try {
            Files.move(normal, trash, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(trash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + normal, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
