package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The label reader contract for COCO JSON. */
class CocoReaderContractTest extends LabelReaderContract {
    @Override
    LabelReader reader() {
        return new CocoReader();
    }

    @Override
    Path empty(Path dir) throws IOException {
        return Files.writeString(dir.resolve("instances.json"), "");
    }

    @Override
    Path malformed(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("instances.json"),
                "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}], \"annotations\": [{\"id\": 1, \"image_id\": 1,");
    }
}
