package io.mlops.data;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name of an object in a DVC 3 cache: the MD5 of its bytes, with {@code .dir} for a
 * directory manifest.
 *
 * @param md5 32 lowercase hex digits
 * @param directory whether the object is a directory manifest ({@code .dir})
 */
public record ObjectId(String md5, boolean directory) implements Serializable, Comparable<ObjectId> {
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final String DIR_SUFFIX = ".dir";

    /** Validates the digest. */
    public ObjectId {
        if (md5 == null || !MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("not an MD5 digest: " + md5);
        }
    }

    /**
     * Parses the form used in .dvc files and cache names, e.g. {@code 417d...ea9.dir}.
     *
     * @param text the object name
     * @return the id
     * @throws UserError when the text is not an object name
     */
    public static ObjectId parse(String text) {
        String value = text == null ? "" : text.strip();
        boolean directory = value.endsWith(DIR_SUFFIX);
        String md5 = directory ? value.substring(0, value.length() - DIR_SUFFIX.length()) : value;
        if (!MD5.matcher(md5).matches()) {
            throw new UserError("not a DVC object id (32 hex digits, optionally with .dir): '" + text + "'");
        }
        return new ObjectId(md5, directory);
    }

    /**
     * Makes the id of a file object from a raw digest.
     *
     * @param digest 16 bytes of MD5
     * @return the id
     */
    public static ObjectId ofFile(byte[] digest) {
        return new ObjectId(HexFormat.of().formatHex(digest), false);
    }

    /**
     * The object's path below the cache root: {@code files/md5/xx/rest[.dir]}.
     *
     * @return the relative path with forward slashes
     */
    public String cachePath() {
        return "files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2) + (directory ? DIR_SUFFIX : "");
    }

    @Override
    public int compareTo(ObjectId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return directory ? md5 + DIR_SUFFIX : md5;
    }
}
