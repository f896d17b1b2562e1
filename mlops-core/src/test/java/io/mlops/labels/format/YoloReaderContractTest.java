package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The label reader contract for YOLO datasets (a directory: data.yaml, labels/, images/). */
class YoloReaderContractTest extends LabelReaderContract {
    @Override
    LabelReader reader() {
        return new YoloReader();
    }

    @Override
    Path empty(Path dir) throws IOException {
        Path dataset = Files.createDirectories(dir.resolve("dataset"));
        Files.writeString(dataset.resolve("data.yaml"), "");
        return dataset;
    }

    @Override
    Path malformed(Path dir) throws IOException {
        Path dataset = Files.createDirectories(dir.resolve("dataset"));
        Files.writeString(dataset.resolve("data.yaml"), "names: [cat, dog\nnc: 2\n");
        Files.createDirectories(dataset.resolve("labels/train"));
        Files.writeString(dataset.resolve("labels/train/a.txt"), "0 0.5 0.5 0.2 0.2\n");
        return dataset;
    }

    @Override
    Path malformedFile(Path input) {
        return input.resolve("data.yaml");
    }
}
