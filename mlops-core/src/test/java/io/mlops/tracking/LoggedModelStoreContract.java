package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MLflow 3's logged models in the tracking store, run against SQLite and PostgreSQL by the subclasses. */
abstract class LoggedModelStoreContract {
    private Database database;
    private TrackingStore store;
    private String runId;

    abstract StoreUrl newStore();

    @BeforeEach
    void openStore() {
        database = Database.open(newStore(), Migrations.suite());
        store = new JdbcTrackingStore(database);
        runId = store.createRun(new NewRun("0", "alice", 1_000, null, List.of()))
                .id();
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private LoggedModel create(String name) {
        return store.createLoggedModel(new NewLoggedModel(
                "0", name, "sklearn", runId, List.of(new Param("alpha", "0.1")), List.of(new Tag("team", "vision"))));
    }

    private static void assertNotFound(Runnable call, String id) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        TrackingError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
                .hasMessage("Logged model with ID '" + id + "' not found.");
    }

    @Test
    void shouldCreateAPendingModelUnderTheExperimentsArtifactLocation() {
        LoggedModel model = create("model");

        assertThat(model.id()).matches("m-[0-9a-f]{32}");
        assertThat(model.artifactLocation()).isEqualTo("mlflow-artifacts:/0/models/" + model.id() + "/artifacts");
        assertThat(model.status()).isEqualTo(LoggedModelStatus.LOGGED_MODEL_PENDING);
        assertThat(model.sourceRunId()).isEqualTo(runId);
        assertThat(model.tags()).containsExactly(new Tag("team", "vision"));
        assertThat(model.params()).containsExactly(new Param("alpha", "0.1"));
        assertThat(store.loggedModel(model.id(), false)).isEqualTo(model);
    }

    @Test
    void shouldGenerateANameAndRefuseMlflowsForbiddenCharacters() {
        assertThat(create(null).name()).isNotBlank();
        assertThatThrownBy(() -> create("a/b"))
                .isInstanceOfSatisfying(
                        TrackingError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void shouldFinalizeAndLetALaterFinalizeReplaceTheStatusAsMlflowDoes() {
        LoggedModel model = create("model");

        assertThat(store.finalizeLoggedModel(model.id(), LoggedModelStatus.LOGGED_MODEL_READY)
                        .status())
                .isEqualTo(LoggedModelStatus.LOGGED_MODEL_READY);
        assertThat(store.finalizeLoggedModel(model.id(), LoggedModelStatus.LOGGED_MODEL_UPLOAD_FAILED)
                        .status())
                .isEqualTo(LoggedModelStatus.LOGGED_MODEL_UPLOAD_FAILED);
    }

    @Test
    void shouldAnswerUnknownAndDeletedModelsWithResourceDoesNotExist() {
        String unknown = "m-" + "0".repeat(32);
        assertNotFound(() -> store.loggedModel(unknown, false), unknown);
        assertNotFound(() -> store.finalizeLoggedModel(unknown, LoggedModelStatus.LOGGED_MODEL_READY), unknown);
        assertNotFound(() -> store.setLoggedModelTags(unknown, List.of(new Tag("a", "b"))), unknown);

        LoggedModel model = create("model");
        store.deleteLoggedModel(model.id());
        assertNotFound(() -> store.loggedModel(model.id(), false), model.id());
        assertThat(store.loggedModel(model.id(), true).lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    }

    @Test
    void shouldSetAndDeleteTagsAndLogParams() {
        LoggedModel model = create("model");

        store.setLoggedModelTags(model.id(), List.of(new Tag("team", "audio"), new Tag("stage", "dev")));
        store.deleteLoggedModelTag(model.id(), "stage");
        store.logLoggedModelParams(model.id(), List.of(new Param("beta", "2")));

        LoggedModel read = store.loggedModel(model.id(), false);
        assertThat(read.tags()).containsExactly(new Tag("team", "audio"));
        assertThat(read.params()).containsExactly(new Param("alpha", "0.1"), new Param("beta", "2"));
        assertThatThrownBy(() -> store.deleteLoggedModelTag(model.id(), "stage"))
                .isInstanceOfSatisfying(
                        TrackingError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void shouldLinkMetricsToTheModelAndTheRun() {
        LoggedModel model = create("model");

        store.logModelMetrics(
                runId, List.of(new ModelMetric(model.id(), runId, new Metric("acc", 0.9, 5, 1), "iris", "abc")));

        assertThat(store.loggedModel(model.id(), false).metrics())
                .containsExactly(new ModelMetric(model.id(), runId, new Metric("acc", 0.9, 5, 1), "iris", "abc"));
        assertThat(store.run(runId).metric("acc")).isPresent();
    }

    @Test
    void shouldSearchByFilterAndMetricOnADatasetOrderAndPage() {
        LoggedModel low = create("low");
        LoggedModel high = create("high");
        LoggedModel other = create("other");
        store.logModelMetrics(
                runId,
                List.of(
                        new ModelMetric(low.id(), runId, new Metric("acc", 0.5, 1, 0), "iris", ""),
                        new ModelMetric(high.id(), runId, new Metric("acc", 0.9, 1, 0), "iris", ""),
                        new ModelMetric(other.id(), runId, new Metric("acc", 0.99, 1, 0), "wine", "")));

        Page<LoggedModel> found = store.searchLoggedModels(new LoggedModelSearch(
                List.of("0"),
                "metrics.acc > 0.4 AND tags.team = 'vision'",
                List.of(new LoggedModelSearch.DatasetRef("iris", null)),
                List.of(new LoggedModelSearch.Order("metrics.acc", false, "iris", null)),
                1,
                null));
        assertThat(found.items()).extracting(LoggedModel::id).containsExactly(high.id());
        Page<LoggedModel> next = store.searchLoggedModels(new LoggedModelSearch(
                List.of("0"),
                "metrics.acc > 0.4 AND tags.team = 'vision'",
                List.of(new LoggedModelSearch.DatasetRef("iris", null)),
                List.of(new LoggedModelSearch.Order("metrics.acc", false, "iris", null)),
                1,
                found.nextPageToken()));
        assertThat(next.items()).extracting(LoggedModel::id).containsExactly(low.id());
        assertThat(next.nextPageToken()).isNull();
        assertThat(store.searchLoggedModels(
                                new LoggedModelSearch(List.of("0"), "name = 'other'", List.of(), List.of(), 10, null))
                        .items())
                .extracting(LoggedModel::id)
                .containsExactly(other.id());
    }

    @Test
    void shouldRecordArtifactsOfTheModel() {
        LoggedModel model = create("model");
        Blob blob = new Blob(new BlobId("b".repeat(64)), 3);

        store.recordModelArtifact(new ModelArtifact(model.id(), "MLmodel", blob));
        store.recordModelArtifact(new ModelArtifact(model.id(), "sub/model.pkl", blob));

        assertThat(store.modelArtifacts(model.id(), ""))
                .extracting(ModelArtifact::path)
                .containsExactly("MLmodel", "sub/model.pkl");
        assertThat(store.modelArtifacts(model.id(), "sub"))
                .extracting(ModelArtifact::path)
                .containsExactly("sub/model.pkl");
    }
}
