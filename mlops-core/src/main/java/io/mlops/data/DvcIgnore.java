package io.mlops.data;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The {@code .dvcignore} rules that apply to a snapshot target, as {@code dvc add} applies them.
 *
 * <p>The files use gitignore syntax. Each {@code .dvcignore} from the repository root down to the
 * directory holding the target counts, its patterns relative to its own directory; a deeper file
 * overrides a shallower one and, within a file, the last matching pattern wins (so {@code !} re-includes).
 * A directory that is ignored is not entered, so nothing under it can be re-included, as in Git and
 * DVC. DVC refuses a {@code .dvcignore} inside the data it tracks, and so does the suite.
 */
public final class DvcIgnore {
    /** The name of the file. */
    public static final String FILE_NAME = ".dvcignore";

    /** No rules: nothing is ignored (data outside a DVC repository). */
    public static final DvcIgnore NONE = new DvcIgnore(List.of(), false);

    /** The rule files, deepest directory first. */
    private final List<Level> levels;

    private final boolean inRepository;

    private record Level(Path directory, IgnoreNode rules) {}

    private DvcIgnore(List<Level> levels, boolean inRepository) {
        this.levels = List.copyOf(levels);
        this.inRepository = inRepository;
    }

    /**
     * Reads the rules that apply to a target inside a DVC repository.
     *
     * @param repositoryRoot the directory holding {@code .dvc/}
     * @param target the file or directory being snapshotted, inside the repository
     * @return the rules, possibly none
     * @throws UserError when a {@code .dvcignore} cannot be read
     */
    public static DvcIgnore forTarget(Path repositoryRoot, Path target) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        Path path = target.toAbsolutePath().normalize();
        List<Level> levels = new ArrayList<>();
        for (Path dir = path.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            Path file = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                IgnoreNode node = new IgnoreNode();
                try (InputStream in = Files.newInputStream(file)) {
                    node.parse(file.toString(), in);
                } catch (IOException e) {
                    throw new UserError("cannot read " + file + ": " + ObjectCache.describe(e), e);
                }
                levels.add(new Level(dir, node));
            }
        }
        return new DvcIgnore(levels, true);
    }

    /**
     * Whether a path below the rule files is ignored.
     *
     * @param path an absolute, normalized path
     * @param directory whether it is a directory (patterns ending in {@code /} match only those)
     * @return true when the deepest rule file with a matching pattern ignores it
     */
    public boolean ignores(Path path, boolean directory) {
        for (Level level : levels) {
            if (!path.startsWith(level.directory()) || path.equals(level.directory())) {
                continue;
            }
            Boolean ignored =
                    level.rules().checkIgnored(slashed(level.directory().relativize(path)), directory);
            if (ignored != null) {
                return ignored;
            }
        }
        return false;
    }

    /**
     * Whether the target is in a DVC repository, where a {@code .dvcignore} inside the data is refused.
     *
     * @return false for {@link #NONE}
     */
    public boolean inRepository() {
        return inRepository;
    }

    /**
     * A relative path with forward slashes between its names; a backslash inside a name stays.
     *
     * @param relative a relative path
     * @return its names joined with {@code /}
     */
    static String slashed(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path name : relative) {
            if (!text.isEmpty()) {
                text.append('/');
            }
            text.append(name);
        }
        return text.toString();
    }
}
