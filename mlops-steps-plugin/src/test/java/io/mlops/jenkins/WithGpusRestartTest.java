package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.gpu.Allocation;
import io.mlops.gpu.GpuAllocations;
import io.mlops.gpu.NodeGpus;
import io.mlops.jenkins.gpu.ControllerGpus;
import io.mlops.jenkins.gpu.NodeGpuProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A build that holds a GPU over a controller restart keeps it; the GPU of a build that did not survive
 * the restart is free again; the resumed build gives its GPU back when its body ends.
 */
class WithGpusRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheGpusOfARunningBuildAndReleaseThoseOfVanishedOnes() throws Throwable {
        Path go = dir.resolve("go");
        sessions.then(j -> {
            j.jenkins.getNodeProperties().add(new NodeGpuProperty("2"));
            WorkflowJob job = j.createProject(WorkflowJob.class, "train");
            job.setDefinition(new CpsFlowDefinition(
                    "node { withGpus(count: 1) {\n"
                            + "  sh \"while [ ! -f '" + go + "' ]; do sleep 0.1; done\"\n"
                            + "  sh 'echo cuda=$CUDA_VISIBLE_DEVICES'\n"
                            + "} }",
                    true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("reserved for this block", build);
            GpuAllocations allocations = ControllerGpus.get().allocations();
            allocations.acquire(new NodeGpus("built-in", List.of("0", "1")), "vanished#1@00000000", 1);
            assertThat(allocations.holders("built-in")).hasSize(2);
        });
        sessions.then(j -> {
            WorkflowRun build =
                    j.jenkins.getItemByFullName("train", WorkflowJob.class).getBuildByNumber(1);
            assertThat(ControllerGpus.get().allocations().holders("built-in"))
                    .extracting(Allocation::holder)
                    .singleElement()
                    .satisfies(holder -> assertThat(holder).startsWith("train#1@"));

            Files.createFile(go);
            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            j.assertLogContains("cuda=0", build);
            assertThat(ControllerGpus.get().allocations().holders("built-in")).isEmpty();
        });
    }
}
