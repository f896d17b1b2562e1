package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.registry.Change;
import io.mlops.registry.RegistryEvent;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labeling condition counts newly finished tasks from the subscriber's last build, durably. */
class LabelingBaselinesTest {
    private static final String JOB = "jenkins:test:retrain";

    @TempDir
    Path dir;

    private static RegistryEvent.LabelingProgressed progress(String project, int finished, int total) {
        return new RegistryEvent.LabelingProgressed(
                "persons", "label-studio", project, finished, total, new Change("label-studio", "ANNOTATION_CREATED"));
    }

    private static List<Integer> fired(
            LabelingBaselines baselines, RegistryCondition.LabelingDone condition, int... counts) {
        List<Integer> fired = new ArrayList<>();
        for (int count : counts) {
            RegistryEvent.LabelingProgressed event = progress("7", count, 10);
            if (baselines.reached(JOB, condition, event)) {
                baselines.built(JOB, event);
                fired.add(count);
            }
        }
        return fired;
    }

    @Test
    void shouldFireEachTimeTwoMoreTasksAreFinishedAndKeepCountingAcrossARestart() {
        RegistryCondition.LabelingDone twoMore = RegistryCondition.labeling("label-studio", "7", 2, false);
        Path file = dir.resolve("mlops.db");
        try (Database database = Database.sqlite(file, Migrations.suite())) {
            LabelingBaselines baselines = new LabelingBaselines(database, Clock.systemUTC());
            assertThat(fired(baselines, twoMore, 1, 2, 2, 3)).containsExactly(2);
        }
        try (Database reopened = Database.sqlite(file, Migrations.suite())) {
            LabelingBaselines baselines = new LabelingBaselines(reopened, Clock.systemUTC());
            assertThat(baselines.baseline(JOB, "label-studio", "7")).isEqualTo(2);
            assertThat(fired(baselines, twoMore, 4, 5, 6)).containsExactly(4, 6);
        }
    }

    @Test
    void shouldCountFromTheLowerCountWhenFinishedTasksAreDeleted() {
        try (Database database = Database.sqlite(dir.resolve("mlops.db"), Migrations.suite())) {
            LabelingBaselines baselines = new LabelingBaselines(database, Clock.systemUTC());
            RegistryCondition.LabelingDone twoMore = RegistryCondition.labeling("label-studio", null, 2, false);

            assertThat(fired(baselines, twoMore, 2, 1, 2, 3)).containsExactly(2, 3);
        }
    }

    @Test
    void shouldFireOnceWhenEveryTaskIsFinished() {
        try (Database database = Database.sqlite(dir.resolve("mlops.db"), Migrations.suite())) {
            LabelingBaselines baselines = new LabelingBaselines(database, Clock.systemUTC());
            RegistryCondition.LabelingDone all = RegistryCondition.labeling("label-studio", "7", 0, true);

            assertThat(fired(baselines, all, 9, 10, 10)).containsExactly(10);
        }
    }

    @Test
    void shouldOnlyCountTheWatchedToolAndProject() {
        RegistryCondition.LabelingDone condition = RegistryCondition.labeling("cvat", "7", 1, false);
        try (Database database = Database.sqlite(dir.resolve("mlops.db"), Migrations.suite())) {
            LabelingBaselines baselines = new LabelingBaselines(database, Clock.systemUTC());

            assertThat(baselines.reached(JOB, condition, progress("7", 5, 10))).isFalse();
            assertThat(condition.matches(progress("7", 5, 10), null)).isFalse();
            assertThat(condition.matches(
                            new RegistryEvent.LabelingProgressed("m", "cvat", "7", 1, -1, Change.by("cvat")), null))
                    .isTrue();
        }
    }

    @Test
    void shouldRequireACountOrAllAndAKnownTool() {
        assertThatThrownBy(() -> RegistryCondition.labeling("label-studio", "7", 0, false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("newlyFinished");
        assertThatThrownBy(() -> RegistryCondition.labeling("doccano", "7", 1, false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("label-studio or cvat");
        assertThat(RegistryCondition.labeling(" CVAT ", " 3 ", 1, false))
                .isEqualTo(new RegistryCondition.LabelingDone("cvat", "3", 1, false));
    }
}
