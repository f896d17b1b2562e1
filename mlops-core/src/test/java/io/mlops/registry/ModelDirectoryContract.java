package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import io.mlops.error.UserError;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.LoggedModel;
import io.mlops.tracking.ModelArtifact;
import io.mlops.tracking.NewLoggedModel;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.StoredArtifact;
import io.mlops.tracking.TrackingStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry versions that are MLflow model directories, resolved from a run's artifacts or a logged
 * model, run against SQLite and PostgreSQL by the subclasses.
 */
abstract class ModelDirectoryContract {
    private static final Change ALICE = new Change("alice", "first release");
    private static final Blob MLMODEL = new Blob(new BlobId("a".repeat(64)), 100);
    private static final Blob WEIGHTS = new Blob(new BlobId("b".repeat(64)), 2_000);

    private Database database;
    private TrackingStore tracking;
    private ModelRegistry registry;
    private String runId;
    private LoggedModel model;

    abstract StoreUrl newStore();

    @BeforeEach
    void openStores() {
        database = Database.open(newStore(), Migrations.suite());
        tracking = new JdbcTrackingStore(database);
        registry = new JdbcModelRegistry(database);
        runId = tracking.createRun(new NewRun("0", "alice", 1_000, null, List.of()))
                .id();
        model = tracking.createLoggedModel(new NewLoggedModel("0", "model", null, runId, List.of(), List.of()));
        tracking.recordModelArtifact(new ModelArtifact(model.id(), "MLmodel", MLMODEL));
        tracking.recordModelArtifact(new ModelArtifact(model.id(), "model.onnx", WEIGHTS));
        tracking.recordArtifact(new StoredArtifact(runId, "packaged/MLmodel", MLMODEL));
        tracking.recordArtifact(new StoredArtifact(runId, "packaged/data/model.onnx", WEIGHTS));
        tracking.recordArtifact(new StoredArtifact(runId, "notes/readme.txt", WEIGHTS));
    }

    @AfterEach
    void closeStores() {
        database.close();
    }

    @Test
    void shouldResolveEveryMlflowSourceOfALoggedModelToTheSameFilesAndRun() {
        List<String> sources = List.of(
                "runs:/" + runId + "/model",
                "models:/" + model.id(),
                model.artifactLocation(),
                model.artifactLocation() + "/");

        for (String source : sources) {
            ModelDirectory directory = registry.modelDirectory(source);
            assertThat(directory.runId()).as(source).isEqualTo(runId);
            assertThat(directory.files())
                    .as(source)
                    .containsExactly(
                            new VersionFile("MLmodel", MLMODEL.id().sha256(), 100),
                            new VersionFile("model.onnx", WEIGHTS.id().sha256(), 2_000));
            assertThat(directory.source().sizeBytes()).isEqualTo(2_100);
        }
    }

    @Test
    void shouldRegisterARunArtifactDirectoryKeepingItsFilesAndLineage() {
        registry.createModel("persons", "", java.util.Map.of(), ALICE);
        ModelDirectory directory = registry.modelDirectory("runs:/" + runId + "/packaged");

        ModelVersion version = registry.registerVersion(
                new NewVersion(
                        "persons", directory.source(), directory.runId(), List.of(), java.util.Map.of(), null, ""),
                directory,
                ALICE);

        assertThat(version.runId()).isEqualTo(runId);
        assertThat(version.source().uri()).isEqualTo("runs:/" + runId + "/packaged");
        assertThat(registry.versionFiles("persons", version.version()))
                .extracting(VersionFile::path)
                .containsExactly("MLmodel", "data/model.onnx");
        // Overwriting the run's artifact later does not change what the version holds.
        tracking.recordArtifact(new StoredArtifact(runId, "packaged/MLmodel", WEIGHTS));
        assertThat(registry.versionFiles("persons", version.version())
                        .getFirst()
                        .sha256())
                .isEqualTo(MLMODEL.id().sha256());
    }

    @Test
    void shouldRefuseSourcesThatEscapeTheArtifactRoot() {
        for (String source : List.of(
                "runs:/" + runId + "/../../x",
                "runs:/" + runId + "//etc/passwd",
                "runs:/" + runId + "/packaged/./MLmodel",
                "runs:/" + runId + "/pack\u0000aged",
                "models:/" + model.id() + "/../other")) {
            assertThatThrownBy(() -> registry.modelDirectory(source))
                    .as(source)
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("Invalid model version source");
        }
    }

    @Test
    void shouldRefuseADirectoryWithoutMlmodelAndUnknownRunsAndModels() {
        assertThatThrownBy(() -> registry.modelDirectory("runs:/" + runId + "/notes"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no MLmodel file");
        assertThatThrownBy(() -> registry.modelDirectory("models:/m-" + "0".repeat(32)))
                .isInstanceOf(UnknownRegistryEntry.class);
        assertThatThrownBy(() -> registry.modelDirectory("runs:/nosuchrun/model"))
                .isInstanceOf(UnknownRegistryEntry.class);
        assertThatThrownBy(() -> registry.modelDirectory("s3://bucket/model"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Unsupported model version source");
    }
}
