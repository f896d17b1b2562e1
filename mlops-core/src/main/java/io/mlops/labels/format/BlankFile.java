package io.mlops.labels.format;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells an empty label file from a malformed one: parsers report a blank file as "unexpected end
 * of input", which hides the plain fact that the export wrote nothing.
 */
final class BlankFile {
    private BlankFile() {}

    /**
     * Whether a file holds nothing but white space; reads only up to the first other byte.
     *
     * @param file the file
     * @return true when it is empty or blank
     * @throws UserError when the file is missing or unreadable
     */
    static boolean test(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                        return false;
                    }
                }
            }
            return true;
        } catch (NoSuchFileException e) {
            throw new UserError("no such label file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read label file " + file + ": " + e.getMessage(), e);
        }
    }
}
