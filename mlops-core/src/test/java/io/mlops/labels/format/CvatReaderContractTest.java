package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The label reader contract for CVAT for images 1.1 XML. */
class CvatReaderContractTest extends LabelReaderContract {
    @Override
    LabelReader reader() {
        return new CvatReader();
    }

    @Override
    Path empty(Path dir) throws IOException {
        return Files.writeString(dir.resolve("annotations.xml"), "");
    }

    @Override
    Path malformed(Path dir) throws IOException {
        return Files.writeString(
                dir.resolve("annotations.xml"),
                "<annotations><version>1.1</version><image id=\"0\" name=\"a.jpg\" width=\"10\" height=\"10\">"
                        + "<box label=\"cat\" xtl=\"1\" ytl=\"1\"");
    }
}
