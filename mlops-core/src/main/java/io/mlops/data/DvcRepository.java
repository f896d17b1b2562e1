package io.mlops.data;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A DVC repository: the directory holding {@code .dvc/}, its cache and its configuration.
 *
 * <p>Reads {@code cache.dir} and {@code cache.type} from {@code .dvc/config} and
 * {@code .dvc/config.local} (the local file wins), so a snapshot lands in the cache the team's
 * {@code dvc} commands use and workspace files are linked to it as {@code dvc} links them.
 */
public final class DvcRepository {
    private final Path root;

    private DvcRepository(Path root) {
        this.root = root;
    }

    /**
     * Finds the DVC repository that contains a path.
     *
     * @param path any path, existing or not
     * @return the repository, or empty when no parent has a {@code .dvc/} directory
     */
    public static Optional<DvcRepository> containing(Path path) {
        for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".dvc"))) {
                return Optional.of(new DvcRepository(dir));
            }
        }
        return Optional.empty();
    }

    /**
     * The repository root, the directory holding {@code .dvc/}.
     *
     * @return an absolute path
     */
    public Path root() {
        return root;
    }

    /**
     * The repository's object cache.
     *
     * @return {@code .dvc/cache} unless the configuration names another directory
     */
    public ObjectCache cache() {
        Path dvcDir = root.resolve(".dvc");
        String configured = cacheSetting("dir");
        return new ObjectCache(configured == null ? dvcDir.resolve("cache") : dvcDir.resolve(configured));
    }

    /**
     * How workspace files are tied to the cache: {@code cache.type}.
     *
     * @return the configured types, or DVC's default {@code reflink,copy}
     * @throws UserError when the setting names an unknown type
     */
    public CacheTypes cacheTypes() {
        String configured = cacheSetting("type");
        return configured == null
                ? CacheTypes.DEFAULT
                : CacheTypes.parse(configured, "cache.type in " + root.resolve(".dvc/config"));
    }

    /**
     * The remote {@code dvc push} and {@code dvc pull} use when none is named: {@code core.remote}, with
     * the {@code url} and {@code endpointurl} of its {@code ['remote "NAME"']} section.
     *
     * @return the default remote, or empty when {@code core.remote} is not set
     * @throws UserError when {@code core.remote} names a remote that has no section or no url
     */
    public Optional<DvcRemote> defaultRemote() {
        String name = setting("core", "remote");
        if (name == null) {
            return Optional.empty();
        }
        String section = "remote " + name;
        String url = setting(section, "url");
        if (url == null) {
            throw new UserError("the default DVC remote '" + name + "' (core.remote in " + root.resolve(".dvc/config")
                    + ") has no url: add it with dvc remote add " + name + " URL");
        }
        return Optional.of(
                new DvcRemote(name, url, Optional.ofNullable(setting(section, "endpointurl")), root.resolve(".dvc")));
    }

    /** A key of the {@code [cache]} section; {@code config.local} overrides {@code config}. */
    private String cacheSetting(String key) {
        return setting("cache", key);
    }

    /** A key of a section; {@code config.local} overrides {@code config}, as in DVC. */
    private String setting(String section, String key) {
        Path dvcDir = root.resolve(".dvc");
        String configured = null;
        for (String name : List.of("config", "config.local")) {
            String value = setting(dvcDir.resolve(name), section, key);
            if (value != null) {
                configured = value;
            }
        }
        return configured;
    }

    /**
     * Where the suite keeps file stamps for this repository (beside DVC's own state).
     *
     * @return a file under {@code .dvc/tmp}
     */
    public Path stateFile() {
        return root.resolve(".dvc/tmp/mlops-state.db");
    }

    private static String setting(Path config, String wanted, String key) {
        if (!Files.isRegularFile(config)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read DVC configuration " + config + ": " + e.getMessage(), e);
        }
        String section = "";
        String dir = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1)
                        .strip()
                        .replace("'", "")
                        .replace("\"", "")
                        .replaceAll("\\s+", " ");
            } else if (section.equals(wanted) && line.matches(key + "\\s*=.*")) {
                dir = line.substring(line.indexOf('=') + 1).strip();
            }
        }
        return dir;
    }
}
