package io.mlops.labels.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.labels.Fixtures;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.drift.LabelDrift;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Jenkins agent returns travels over remoting by Java serialization (DESIGN.md, principle
 * 2): the scan result and the drift must survive it unchanged.
 */
class RemotingTest {
    @TempDir
    Path dir;

    @Test
    void shouldSendAScanResultAndADriftOverJavaSerialization() throws IOException, ClassNotFoundException {
        Path coco = Fixtures.copy("coco", dir);
        LabelScanResult scan = LabelScan.run(
                new LabelSource(LabelFormat.COCO, coco.resolve("instances.json"), null),
                CheckOptions.defaults(),
                ProgressListener.NONE);
        LabelDrift drift =
                LabelDrift.between(scan.card().countsByName(), scan.card().countsByName());

        assertThat(roundTrip(scan)).isEqualTo(scan);
        assertThat(roundTrip(drift)).isEqualTo(drift);
        assertThat(scan.report().findings()).isNotEmpty();
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
