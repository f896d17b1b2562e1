package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.jenkins.triggers.NewDataTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The new-data trigger: the first poll remembers, an unchanged poll waits, a change builds. */
@WithJenkins
class NewDataTriggerTest {
    @TempDir
    Path data;

    @Test
    void shouldBuildOnlyWhenTheDataChanges(JenkinsRule j) throws Exception {
        Files.writeString(data.resolve("a.txt"), "first");
        WorkflowJob job = j.createProject(WorkflowJob.class, "watched");
        job.setDefinition(new CpsFlowDefinition("echo 'new data'", true));
        NewDataTrigger trigger = new NewDataTrigger("H/15 * * * *", data.toString());
        // addTrigger also starts it, which gives the trigger its job.
        job.addTrigger(trigger);
        NewDataTrigger started =
                (NewDataTrigger) job.getTriggers().values().iterator().next();

        // Each poll runs off the calling (cron) thread; the test waits for its decision.
        assertThat(started.startPoll().orElseThrow().get().shouldBuild()).isFalse();
        assertThat(started.startPoll().orElseThrow().get().shouldBuild()).isFalse();
        j.waitUntilNoActivity();
        assertThat(job.getLastBuild())
                .as("the first polls only remember the data")
                .isNull();

        Files.writeString(data.resolve("a.txt"), "second");
        assertThat(started.startPoll().orElseThrow().get().shouldBuild()).isTrue();
        j.waitUntilNoActivity();

        assertThat(job.getLastBuild()).isNotNull();
        j.assertLogContains("data changed", job.getLastBuild());
    }
}
