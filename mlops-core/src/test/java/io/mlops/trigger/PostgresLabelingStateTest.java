package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.registry.Change;
import io.mlops.registry.RegistryEvent;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The labeling state (baselines, recorded deliveries, CVAT job states) on a real PostgreSQL store. */
class PostgresLabelingStateTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void shouldKeepBaselinesDeliveriesAndJobStatesOnPostgresql() {
        StoreUrl url = StoreUrl.parse(POSTGRES.createDatabase());
        RegistryCondition.LabelingDone twoMore = RegistryCondition.labeling("cvat", "3", 2, false);
        byte[] body = "{\"event\": \"update:job\"}".getBytes(StandardCharsets.UTF_8);
        try (Database database = Database.open(url, Migrations.suite())) {
            LabelingJobs jobs = new LabelingJobs(database, Clock.systemUTC());
            assertThat(jobs.record(LabelingTool.CVAT, "3", "17", true, false)).isEqualTo(1);
            assertThat(jobs.record(LabelingTool.CVAT, "3", "18", true, false)).isEqualTo(2);
            assertThat(jobs.record(LabelingTool.CVAT, "3", "17", false, false)).isEqualTo(1);
            assertThat(jobs.record(LabelingTool.CVAT, "3", "18", false, true)).isZero();

            LabelingDeliveries deliveries = new LabelingDeliveries(database, Clock.systemUTC());
            String digest = LabelingDeliveries.digest(LabelingTool.CVAT, body);
            assertThat(deliveries.seen(digest)).isFalse();
            deliveries.remember(digest);
            deliveries.remember(digest);

            LabelingBaselines baselines = new LabelingBaselines(database, Clock.systemUTC());
            RegistryEvent.LabelingProgressed two =
                    new RegistryEvent.LabelingProgressed("persons", "cvat", "3", 2, -1, Change.by("cvat"));
            assertThat(baselines.reached("job", twoMore, two)).isTrue();
            baselines.built("job", two);
        }
        try (Database reopened = Database.open(url, Migrations.suite())) {
            assertThat(new LabelingDeliveries(reopened, Clock.systemUTC())
                            .seen(LabelingDeliveries.digest(LabelingTool.CVAT, body)))
                    .isTrue();
            LabelingBaselines baselines = new LabelingBaselines(reopened, Clock.systemUTC());
            assertThat(baselines.baseline("job", "cvat", "3")).isEqualTo(2);
            assertThat(baselines.reached(
                            "job",
                            twoMore,
                            new RegistryEvent.LabelingProgressed("persons", "cvat", "3", 3, -1, Change.by("cvat"))))
                    .isFalse();
        }
    }
}
