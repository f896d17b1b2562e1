package io.mlops.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The allocations on disk: one JSON file, replaced whole on every change (written to a temporary
 * file, forced to disk, then renamed over the old one), so a kill at any moment leaves either the old
 * or the new allocations, never half of them.
 */
final class AllocationFile {
    /** What the file holds. */
    private record Content(int version, List<Allocation> allocations) {}

    private final Path file;

    AllocationFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    List<Allocation> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UserError("cannot read the GPU allocations in " + file + ": " + e.getMessage(), e);
        }
        try {
            Content content = Json.mapper().readValue(bytes, Content.class);
            if (content.version() != 1) {
                throw new UserError("the GPU allocations in " + file + " have version " + content.version()
                        + "; this version reads version 1");
            }
            return content.allocations() == null ? List.of() : List.copyOf(content.allocations());
        } catch (JsonProcessingException e) {
            throw new UserError("the GPU allocations in " + file + " are not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read the GPU allocations in " + file + ": " + e.getMessage(), e);
        }
    }

    void write(List<Allocation> allocations) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = Json.indented().writeValueAsBytes(new Content(1, List.copyOf(allocations)));
            Files.write(temporary, bytes);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("cannot write the GPU allocations to " + file + ": " + e.getMessage(), e);
        }
    }
}
