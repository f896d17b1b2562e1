package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The label reader contract for SageMaker Ground Truth output manifests (JSON lines). */
class SageMakerReaderContractTest extends LabelReaderContract {
    @Override
    LabelReader reader() {
        return new SageMakerReader();
    }

    @Override
    Path empty(Path dir) throws IOException {
        return Files.writeString(dir.resolve("output.manifest"), "");
    }

    @Override
    Path malformed(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("output.manifest"), "{\"source-ref\": \"s3://bucket/a.jpg\", \"job\": {\"annotations\":\n");
    }
}
