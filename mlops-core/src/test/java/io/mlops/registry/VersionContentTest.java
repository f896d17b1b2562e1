package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.blob.Blob;
import io.mlops.blob.LocalBlobStore;
import io.mlops.error.UserError;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.StoredArtifact;
import io.mlops.tracking.TrackingStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of versions as MLflow model directories, and the ONNX file deploy and evaluate take from them. */
class VersionContentTest {
    private static final Change ALICE = new Change("alice", "release");
    private static final String MLFLOW_MLMODEL = """
            flavors:
              onnx:
                code: null
                data: model.onnx
                onnx_version: 1.23.2
                providers:
                - CPUExecutionProvider
              python_function:
                data: model.onnx
                loader_module: mlflow.onnx
            mlflow_version: 3.17.2
            """;

    @TempDir
    Path directory;

    private Database database;
    private TrackingStore tracking;
    private ModelRegistry registry;
    private LocalBlobStore blobs;
    private String runId;

    @BeforeEach
    void open() {
        database = Database.open(StoreUrl.sqlite(directory.resolve("mlops.db")), Migrations.suite());
        tracking = new JdbcTrackingStore(database);
        registry = new JdbcModelRegistry(database);
        blobs = new LocalBlobStore(directory.resolve("blobs"));
        runId = tracking.createRun(new NewRun("0", "alice", 1, null, List.of())).id();
        registry.createModel("persons", "", Map.of(), ALICE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void artifact(String path, String content) throws IOException {
        Blob blob = blobs.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        tracking.recordArtifact(new StoredArtifact(runId, path, blob));
    }

    private ModelVersion registerDirectory(String path) {
        ModelDirectory model = registry.modelDirectory("runs:/" + runId + "/" + path);
        return registry.registerVersion(
                new NewVersion("persons", model.source(), runId, List.of(), Map.of(), null, ""), model, ALICE);
    }

    @Test
    void shouldGiveDeployTheOnnxFileTheMlmodelNames() throws IOException {
        artifact("model/MLmodel", MLFLOW_MLMODEL);
        artifact("model/model.onnx", "onnx bytes");
        artifact("model/requirements.txt", "onnx\n");
        ModelVersion version = registerDirectory("model");

        Path file =
                new DirectoryVersionFiles(registry, blobs, VersionFiles.registeredFiles(), directory).fileOf(version);

        assertThat(file).content().isEqualTo("onnx bytes");
    }

    @Test
    void shouldRefuseADirectoryWithoutTheOnnxFlavor() throws IOException {
        artifact("model/MLmodel", "flavors:\n  sklearn:\n    pickled_model: model.pkl\n");
        artifact("model/model.pkl", "pickle");
        ModelVersion version = registerDirectory("model");

        assertThatThrownBy(() -> new DirectoryVersionFiles(registry, blobs, VersionFiles.registeredFiles(), directory)
                        .fileOf(version))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("without the onnx flavor");
    }

    @Test
    void shouldShowAnOnnxFileVersionAsADirectoryWithTheMlmodelMlflowWrites() throws IOException {
        Path onnx = Files.writeString(directory.resolve("times3.onnx"), "onnx bytes");
        ModelVersion version = registry.registerVersion(NewVersion.of("persons", FileSource.of(onnx)), ALICE);
        VersionContent content = new VersionContent(registry, blobs);

        List<VersionContent.Entry> files = content.files(version);

        assertThat(files).extracting(VersionContent.Entry::path).containsExactly("MLmodel", "times3.onnx");
        try (InputStream mlmodel = content.open(version, files.getFirst())) {
            byte[] text = mlmodel.readAllBytes();
            assertThat(MlModelFile.onnxData(text)).contains("times3.onnx");
            assertThat(new String(text, StandardCharsets.UTF_8))
                    .contains("loader_module: mlflow.onnx", "model_uuid: ", "utc_time_created: ");
        }
        assertThat(content.onnxModel(version).local()).isEqualTo(onnx.toAbsolutePath());
    }
}
