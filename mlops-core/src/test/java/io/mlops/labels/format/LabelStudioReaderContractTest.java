package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The label reader contract for Label Studio's JSON export. */
class LabelStudioReaderContractTest extends LabelReaderContract {
    @Override
    LabelReader reader() {
        return new LabelStudioReader();
    }

    @Override
    Path empty(Path dir) throws IOException {
        return Files.writeString(dir.resolve("export.json"), "");
    }

    @Override
    Path malformed(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("export.json"),
                "[{\"id\": 1, \"data\": {\"image\": \"a.jpg\"}, \"annotations\": [{\"result\": [{\"type\":");
    }
}
