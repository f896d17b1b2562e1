package io.mlops.trigger;

import io.mlops.data.FileStamp;
import io.mlops.data.FileStateCache;
import io.mlops.data.Manifest;
import io.mlops.data.ManifestEntry;
import io.mlops.data.ObjectId;
import io.mlops.data.ScannedFile;
import io.mlops.data.TreeScanner;
import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The snapshot id a path would get, computed without storing anything: what the new-data trigger
 * polls.
 *
 * <p>The id is the same one {@code mlops data snapshot} records (the MD5 of DVC's directory
 * manifest, or of the file), so a poll that sees a changed id means a snapshot would record new
 * data. Files whose stamp (inode, mtime, size) is in the state cache are not read again, so a poll
 * of unchanged data reads only metadata.
 */
public final class DataFingerprint {
    private static final int BUFFER = 1 << 16;

    private final FileStateCache state;

    /**
     * Creates a fingerprinter over a state cache.
     *
     * @param stateFile the SQLite file remembering file hashes by stamp (created if missing)
     */
    public DataFingerprint(Path stateFile) {
        this.state = FileStateCache.open(stateFile);
    }

    /**
     * Computes the snapshot id of a file or directory.
     *
     * @param target the data
     * @return 32 hex digits, equal to the id a snapshot of the same content gets
     * @throws UserError when the target is missing or unreadable
     */
    public String snapshotId(Path target) {
        if (!Files.exists(target)) {
            throw new UserError("cannot poll " + target + ": no such file or directory");
        }
        List<ScannedFile> files = TreeScanner.scan(target);
        List<ManifestEntry> entries = new ArrayList<>(files.size());
        List<Map.Entry<FileStamp, String>> hashed = new ArrayList<>();
        for (ScannedFile file : files) {
            String md5 = state.md5(file.stamp());
            if (md5 == null) {
                md5 = md5Of(file.path());
                hashed.add(Map.entry(file.stamp(), md5));
            }
            entries.add(new ManifestEntry(file.relativePath(), md5, file.stamp().size()));
        }
        state.recordAll(hashed);
        Manifest manifest = Manifest.of(entries);
        return Files.isDirectory(target)
                ? manifest.objectId().md5()
                : manifest.entries().getFirst().md5();
    }

    private static String md5Of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return ObjectId.ofFile(digest.digest()).md5();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " to poll it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
