package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The label reader contract for Pascal VOC XML. */
class VocReaderContractTest extends LabelReaderContract {
    @Override
    LabelReader reader() {
        return new VocReader();
    }

    @Override
    Path empty(Path dir) throws IOException {
        return Files.writeString(dir.resolve("a.xml"), "");
    }

    @Override
    Path malformed(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("a.xml"),
                "<annotation><filename>a.jpg</filename><object><name>cat</name><bndbox><xmin>1</xmin>");
    }
}
