package io.mlops.agent.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.serve.InferRequest;
import io.mlops.agent.serve.WarmupRequests;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a bundle's {@code sample-input.json}, a V2 JSON infer request, for warm-up. */
public final class SampleInputFile implements WarmupRequests {
    /** The sample input's file name in a version's directory. */
    public static final String NAME = BundleLayout.SAMPLE_INPUT;

    private static final ObjectMapper JSON = Json.mapper();

    @Override
    public Optional<InferRequest> sample(String model, Path versionDir) {
        Path file = versionDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return Optional.of(V2InferRequestReader.parse(model, null, root, ByteBuffer.allocate(0))
                    .request());
        } catch (IOException e) {
            throw new UserError(NAME + " is not valid JSON: " + e.getMessage(), e);
        } catch (UserError e) {
            throw new UserError(NAME + " is not a valid V2 infer request: " + e.getMessage(), e);
        }
    }
}
