package io.mlops.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.json.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A DVC 3 pointer file ({@code data.dvc}): the single {@code outs} entry naming a tracked path and
 * its object id.
 *
 * @param objectId the object id ({@code .dir} for a directory)
 * @param size the total size in bytes
 * @param fileCount the number of files for a directory, or -1 for a file
 * @param path the tracked path, relative to the pointer file's directory
 */
public record DvcPointer(ObjectId objectId, long size, int fileCount, String path) {
    /** The suffix DVC gives pointer files. */
    public static final String SUFFIX = ".dvc";

    /**
     * The pointer for a snapshot's content.
     *
     * @param content what was snapshotted
     * @param path the tracked path relative to the pointer file's directory
     * @return the pointer
     */
    public static DvcPointer of(SnapshotContent content, String path) {
        return new DvcPointer(
                content.objectId(),
                content.manifest().totalSize(),
                content.directory() ? content.manifest().fileCount() : -1,
                path);
    }

    /**
     * The pointer file's text, in the key order DVC 3 writes.
     *
     * @return YAML
     */
    public String toYaml() {
        StringBuilder yaml = new StringBuilder("outs:\n");
        yaml.append("- md5: ").append(objectId).append('\n');
        yaml.append("  size: ").append(size).append('\n');
        if (objectId.directory()) {
            yaml.append("  nfiles: ").append(fileCount).append('\n');
        }
        yaml.append("  hash: md5\n");
        yaml.append("  path: ").append(yamlScalar(path)).append('\n');
        return yaml.toString();
    }

    /**
     * Writes the pointer file atomically (temporary name, then rename).
     *
     * @param file where, usually {@code <path>.dvc}
     */
    public void write(Path file) {
        Path temp = null;
        try {
            temp = ObjectCache.newTempFile(file.toAbsolutePath());
            Files.writeString(temp, toYaml(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + ObjectCache.describe(e), e);
        } finally {
            ObjectCache.deleteQuietly(temp);
        }
    }

    /**
     * Reads a pointer file and checks that its path stays beside it.
     *
     * @param file a {@code .dvc} file
     * @return the pointer
     * @throws UserError when the file is not a DVC 3 pointer or its path escapes its directory
     */
    public static DvcPointer read(Path file) {
        JsonNode root;
        try {
            root = Yaml.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read DVC file " + file + ": " + e.getMessage(), e);
        }
        JsonNode outs = root == null ? null : root.get("outs");
        if (outs == null || !outs.isArray() || outs.size() != 1) {
            throw new UserError("DVC file " + file + " must have exactly one entry under 'outs'");
        }
        JsonNode out = outs.get(0);
        JsonNode md5 = out.get("md5");
        JsonNode path = out.get("path");
        if (md5 == null || path == null) {
            throw new UserError("DVC file " + file + ": the 'outs' entry needs 'md5' and 'path'");
        }
        JsonNode hash = out.get("hash");
        if (hash != null && !"md5".equals(hash.asText())) {
            throw new UserError(
                    "DVC file " + file + " uses hash '" + hash.asText() + "'; only DVC 3 'md5' is supported");
        }
        String relative = path.asText();
        ContainedPath.check(file.toAbsolutePath().getParent(), relative, "DVC file " + file);
        return new DvcPointer(
                ObjectId.parse(md5.asText()),
                out.path("size").asLong(-1),
                out.has("nfiles") ? out.get("nfiles").asInt() : -1,
                relative);
    }

    private static String yamlScalar(String value) {
        boolean plain = value.matches("[A-Za-z0-9_./-][A-Za-z0-9_./ -]*") && !value.endsWith(" ");
        if (plain) {
            return value;
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
