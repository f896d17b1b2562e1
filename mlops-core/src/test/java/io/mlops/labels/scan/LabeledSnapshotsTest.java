package io.mlops.labels.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.data.ObjectCache;
import io.mlops.data.ObjectId;
import io.mlops.data.SnapshotRequest;
import io.mlops.data.Snapshots;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.labels.Fixtures;
import io.mlops.labels.card.CardJson;
import io.mlops.labels.card.JdbcCardCatalog;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import io.mlops.store.Migrations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots taken with labels: validated first, then recorded with their card in cache and database. */
class LabeledSnapshotsTest {
    @TempDir
    Path dir;

    private SuiteHome home;
    private Path data;

    @BeforeEach
    void dataset() {
        home = new SuiteHome(dir.resolve("home"));
        data = Fixtures.copy("coco", dir);
        Fixtures.image(data.resolve("street.png"), 64, 48);
        Fixtures.image(data.resolve("park.png"), 80, 60);
        Fixtures.image(data.resolve("empty.png"), 32, 32);
    }

    private LabelSource labels() {
        return new LabelSource(LabelFormat.COCO, data.resolve("instances.json"), null);
    }

    @Test
    void shouldRecordTheCardWithTheSnapshotInTheCacheAndTheDatabase() {
        LabeledSnapshots service = LabeledSnapshots.open(home);

        LabeledSnapshotResult result = service.take(
                data,
                new SnapshotRequest("street-v1", null, false, 2),
                labels(),
                CheckOptions.defaults(),
                ProgressListener.NONE);

        assertThat(result.report().passed()).isTrue();
        assertThat(result.card().card().objects()).isEqualTo(4);
        ObjectCache cache = new ObjectCache(Path.of(result.snapshot().snapshot().cacheRoot()));
        byte[] stored = cache.read(new ObjectId(result.card().cardObject(), false));
        assertThat(CardJson.read(new String(stored, StandardCharsets.UTF_8), "cache"))
                .isEqualTo(result.card().card());
        RecordedCard found = service.card("street-v1");
        assertThat(found.card()).isEqualTo(result.card().card());
        assertThat(found.labelFormat()).isEqualTo("coco");
        assertThat(found.labelPath()).isEqualTo(data.resolve("instances.json").toString());
    }

    @Test
    void shouldRecordNothingWhenTheLabelsHaveErrors() throws IOException {
        Files.delete(data.resolve("park.png"));
        LabeledSnapshots service = LabeledSnapshots.open(home);

        assertThatThrownBy(() -> service.take(
                        data,
                        new SnapshotRequest("broken", null, false, 2),
                        labels(),
                        CheckOptions.defaults(),
                        ProgressListener.NONE))
                .isInstanceOf(LabelsRejected.class)
                .hasMessageContaining("1 error")
                .hasMessageContaining("no snapshot was taken")
                .hasMessageContaining("image-missing")
                .satisfies(e -> assertThat(((LabelsRejected) e).report().count("image-missing"))
                        .isEqualTo(1));
        assertThat(Snapshots.open(home).list()).isEmpty();
    }

    @Test
    void shouldSayWhenASnapshotHasNoCard() {
        Snapshots.open(home).take(data, new SnapshotRequest("plain", null, false, 2), ProgressListener.NONE);

        assertThatThrownBy(() -> LabeledSnapshots.open(home).card("plain"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("has no dataset card")
                .hasMessageContaining("--labels FORMAT:PATH");
    }

    @Test
    void shouldKeepOneRowPerCardAndUseTheLatest() throws SQLException {
        LabeledSnapshots service = LabeledSnapshots.open(home);
        SnapshotRequest request = new SnapshotRequest("again", null, false, 2);
        RecordedCard first = service.take(data, request, labels(), CheckOptions.defaults(), ProgressListener.NONE)
                .card();
        RecordedCard second = service.take(data, request, labels(), CheckOptions.defaults(), ProgressListener.NONE)
                .card();

        assertThat(second.cardObject()).isEqualTo(first.cardObject());
        assertThat(new JdbcCardCatalog(home.database())
                        .latest(first.snapshotId())
                        .orElseThrow()
                        .recordedAt())
                .isEqualTo(second.recordedAt());
        try (Connection connection = home.database().connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM snapshot_card")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(Migrations.currentVersion(connection))
                    .isEqualTo(Migrations.suite().latestVersion());
        }
    }
}
