package io.mlops.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.text.PythonJson;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The files of a directory snapshot, sorted by path, and their DVC 3 directory object.
 *
 * <p>The {@code .dir} object is byte-for-byte what DVC writes: Python's
 * {@code json.dumps(entries, sort_keys=True)} of {@code {"md5", "relpath"}} objects sorted by
 * relpath (code point order), with ASCII-only escapes. Its MD5 is the directory's id.
 */
public final class Manifest implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Comparator<String> CODE_POINT_ORDER = Manifest::compareCodePoints;

    private final List<ManifestEntry> entries;

    private Manifest(List<ManifestEntry> entries) {
        this.entries = entries;
    }

    /**
     * Creates a manifest from entries in any order.
     *
     * @param entries the files; paths must be unique
     * @return the sorted manifest
     */
    public static Manifest of(List<ManifestEntry> entries) {
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ManifestEntry::path, CODE_POINT_ORDER));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException(
                        "duplicate path in manifest: " + sorted.get(i).path());
            }
        }
        return new Manifest(List.copyOf(sorted));
    }

    /**
     * Reads a DVC {@code .dir} object.
     *
     * @param json the object's bytes
     * @param where the object's location, for error messages
     * @param sizes the size of a file object by MD5, or -1 when unknown
     * @return the manifest
     * @throws UserError when the bytes are not a DVC directory manifest
     */
    public static Manifest parseDirObject(byte[] json, String where, ToLongFunction<String> sizes) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UserError("not a DVC directory manifest (invalid JSON) in " + where + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new UserError("not a DVC directory manifest (expected a JSON list) in " + where);
        }
        List<ManifestEntry> entries = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            JsonNode md5 = node.get("md5");
            JsonNode relpath = node.get("relpath");
            if (md5 == null || relpath == null || !md5.isTextual() || !relpath.isTextual()) {
                throw new UserError("DVC directory manifest entry without md5/relpath in " + where + ": " + node);
            }
            try {
                entries.add(new ManifestEntry(relpath.asText(), md5.asText(), sizes.applyAsLong(md5.asText())));
            } catch (IllegalArgumentException e) {
                throw new UserError("bad entry in DVC directory manifest " + where + ": " + e.getMessage(), e);
            }
        }
        return of(entries);
    }

    /**
     * The entries, sorted by path in code point order.
     *
     * @return an unmodifiable list
     */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /**
     * Entries by path.
     *
     * @return a new map from relative path to entry
     */
    public Map<String, ManifestEntry> byPath() {
        Map<String, ManifestEntry> map = new HashMap<>(entries.size() * 2);
        for (ManifestEntry entry : entries) {
            map.put(entry.path(), entry);
        }
        return map;
    }

    /**
     * The number of files.
     *
     * @return the file count
     */
    public int fileCount() {
        return entries.size();
    }

    /**
     * The total size of the files whose size is known.
     *
     * @return bytes
     */
    public long totalSize() {
        return entries.stream().mapToLong(e -> Math.max(0, e.size())).sum();
    }

    /**
     * The DVC {@code .dir} object bytes.
     *
     * @return UTF-8 JSON exactly as DVC 3 writes it
     */
    public byte[] dirObject() {
        StringBuilder json = new StringBuilder(entries.size() * 80 + 2).append('[');
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry entry = entries.get(i);
            if (i > 0) {
                json.append(", ");
            }
            json.append("{\"md5\": \"").append(entry.md5()).append("\", \"relpath\": ");
            PythonJson.appendDumps(json, entry.path());
            json.append('}');
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The id of this directory: the MD5 of {@link #dirObject()} with {@code .dir}.
     *
     * @return the directory object id
     */
    public ObjectId objectId() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(dirObject());
            return new ObjectId(HexFormat.of().formatHex(digest), true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + entries.size() + " files]";
    }
}
