package io.mlops.agent.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads and writes a model's {@value #FILE_NAME}. A write goes to {@value #TEMP_NAME}, is flushed
 * to disk, renamed over the file in one step and the directory flushed, so a reader (the next
 * start, even after {@code kill -9} or a power cut) finds either the old or the new state, never a
 * mix; a temporary file left by an interrupted write is ignored and overwritten.
 */
public final class ServingStateFile {
    /** The state file in a model's directory. */
    public static final String FILE_NAME = "serving.json";

    /** Where a write goes before it is renamed into place. */
    public static final String TEMP_NAME = FILE_NAME + ".tmp";

    private static final ObjectMapper JSON =
            Json.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ServingStateFile() {}

    /**
     * Reads a model's state.
     *
     * @param modelDir the model's directory
     * @return the state, or empty when the model has no state file (a repository from before
     *     states were saved, or one filled by hand)
     * @throws UserError when the file exists but cannot be read or parsed; the message names it
     */
    public static Optional<ServingState> read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UserError("cannot read the serving state " + file + ": " + e.getMessage(), e);
        }
        try {
            ServingState state = JSON.readValue(bytes, ServingState.class);
            if (state == null) {
                throw new IOException("the file is empty");
            }
            return Optional.of(state);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(
                    "the serving state " + file + " is damaged ("
                            + e.getMessage().lines().findFirst().orElse("")
                            + "); the agent will not guess which version to serve: restore the file, or delete"
                            + " it to serve the highest version that loads",
                    e);
        }
    }

    /**
     * Saves a model's state atomically and durably.
     *
     * @param modelDir the model's directory, created when missing
     * @param state the state
     * @throws UncheckedIOException when it cannot be written
     */
    public static void write(Path modelDir, ServingState state) {
        Path temp = modelDir.resolve(TEMP_NAME);
        try {
            Files.createDirectories(modelDir);
            byte[] bytes = JSON.writeValueAsBytes(state);
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, modelDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(modelDir, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the serving state in " + modelDir, e);
        }
    }
}
