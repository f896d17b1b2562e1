package io.mlops.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A deployment bundle on disk, ready to upload to an agent.
 *
 * @param zip the zip file
 * @param entries the names of its entries, in order
 * @param sampleInput the V2 infer request it carries for warmup and the smoke test
 */
public record Bundle(Path zip, List<String> entries, ObjectNode sampleInput) {
    /** Copies the entry names. */
    public Bundle {
        entries = List.copyOf(entries);
    }
}
