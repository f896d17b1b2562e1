package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.slaves.RetentionStrategy;
import io.mlops.gpu.Allocation;
import io.mlops.jenkins.gpu.ControllerGpus;
import io.mlops.jenkins.gpu.NodeGpuProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * withGpus on an agent whose GPUs are listed in its node property (no NVIDIA driver here): the body
 * sees its GPUs, a second build waits in line and says for whom, gets them when the first ends, and
 * an aborted wait leaves the queue.
 */
@WithJenkins
class WithGpusStepTest {
    @TempDir
    Path dir;

    @Test
    void shouldHandOutGpusInOrderAndReleaseThemWhenTheBodyEnds(JenkinsRule j) throws Exception {
        DumbSlave agent = gpuAgent(j, "2");
        Path go = dir.resolve("go");
        WorkflowJob holder = pipeline(j, "holder", agent, 2, "sh \"while [ ! -f '" + go + "' ]; do sleep 0.1; done\"");
        WorkflowJob waiter = pipeline(j, "waiter", agent, 1, "echo 'waited'");

        WorkflowRun first = holder.scheduleBuild2(0).waitForStart();
        j.waitForMessage("reserved for this block", first);
        WorkflowRun second = waiter.scheduleBuild2(0).waitForStart();
        j.waitForMessage("waiting for 1 GPU(s) on " + agent.getNodeName() + ": held by holder#1@", second);

        Files.createFile(go);
        j.assertBuildStatusSuccess(j.waitForCompletion(first));
        j.assertBuildStatusSuccess(j.waitForCompletion(second));

        j.assertLogContains("cuda=0,1 nvidia=0,1", first);
        j.assertLogContains("cuda=0 nvidia=0", second);
        assertThat(ControllerGpus.get().allocations().holders(agent.getNodeName()))
                .isEmpty();
    }

    @Test
    void shouldGiveParallelBranchesOfOneBuildDifferentGpus(JenkinsRule j) throws Exception {
        DumbSlave agent = gpuAgent(j, "2");
        WorkflowJob job = j.createProject(WorkflowJob.class, "branches");
        // Each branch holds its GPU until both hold one: they cannot have taken turns on one GPU.
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  parallel a: {\n"
                        + "    withGpus { sh 'touch a-in; while [ ! -f b-in ]; do sleep 0.1; done; echo a=$CUDA_VISIBLE_DEVICES' }\n"
                        + "  }, b: {\n"
                        + "    withGpus { sh 'touch b-in; while [ ! -f a-in ]; do sleep 0.1; done; echo b=$CUDA_VISIBLE_DEVICES' }\n"
                        + "  }\n"
                        + "}",
                true));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        String log = JenkinsRule.getLog(build);
        boolean aFirst = log.contains("a=0") && log.contains("b=1");
        boolean bFirst = log.contains("a=1") && log.contains("b=0");
        assertThat(aFirst || bFirst)
                .as("the branches got GPUs 0 and 1, one each:%n%s", log)
                .isTrue();
        assertThat(ControllerGpus.get().allocations().holders(agent.getNodeName()))
                .isEmpty();
    }

    @Test
    void shouldLeaveTheQueueWhenAWaitingBuildIsAborted(JenkinsRule j) throws Exception {
        DumbSlave agent = gpuAgent(j, "GPU-a");
        Path go = dir.resolve("go");
        WorkflowJob holder = pipeline(j, "holder", agent, 1, "sh \"while [ ! -f '" + go + "' ]; do sleep 0.1; done\"");
        WorkflowJob waiter = pipeline(j, "waiter", agent, 1, "echo 'never'");

        WorkflowRun first = holder.scheduleBuild2(0).waitForStart();
        j.waitForMessage("reserved for this block", first);
        WorkflowRun second = waiter.scheduleBuild2(0).waitForStart();
        j.waitForMessage("waiting for 1 GPU(s)", second);

        second.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(second));
        assertThat(ControllerGpus.get().allocations().waiting(agent.getNodeName()))
                .isEmpty();

        Files.createFile(go);
        j.assertBuildStatusSuccess(j.waitForCompletion(first));
        j.assertLogNotContains("never", second);
        assertThat(ControllerGpus.get().allocations().holders(agent.getNodeName()))
                .isEmpty();
    }

    @Test
    void shouldRefuseMoreGpusThanTheNodeHasAtOnce(JenkinsRule j) throws Exception {
        DumbSlave agent = gpuAgent(j, "1");
        WorkflowJob greedy = pipeline(j, "greedy", agent, 2, "echo 'never'");

        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, greedy);

        j.assertLogContains("asks for 2 GPU(s) but node " + agent.getNodeName() + " has 1 [0]", build);
        assertThat(ControllerGpus.get().allocations().holders(agent.getNodeName()))
                .isEmpty();
        assertThat(ControllerGpus.get().allocations().waiting(agent.getNodeName()))
                .isEmpty();
    }

    @Test
    void shouldReleaseTheGpusWhenTheBodyFails(JenkinsRule j) throws Exception {
        DumbSlave agent = gpuAgent(j, "1");
        WorkflowJob broken = pipeline(j, "broken", agent, 1, "error 'out of memory'");

        j.buildAndAssertStatus(Result.FAILURE, broken);

        assertThat(ControllerGpus.get().allocations().holders(agent.getNodeName()))
                .extracting(Allocation::holder)
                .isEmpty();
    }

    /** An agent with the given GPUs and enough executors for two builds at once. */
    private static DumbSlave gpuAgent(JenkinsRule j, String gpus) throws Exception {
        DumbSlave agent = new DumbSlave(
                "gpu-agent",
                j.jenkins.getRootDir().toPath().resolve("gpu-agent").toString(),
                j.createComputerLauncher(null));
        agent.setNumExecutors(2);
        agent.setRetentionStrategy(RetentionStrategy.NOOP);
        agent.setNodeProperties(List.of(new NodeGpuProperty(gpus)));
        j.jenkins.addNode(agent);
        j.waitOnline(agent);
        return agent;
    }

    private static WorkflowJob pipeline(JenkinsRule j, String name, DumbSlave agent, int count, String body)
            throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  withGpus(count: " + count + ") {\n"
                        + "    sh 'echo cuda=$CUDA_VISIBLE_DEVICES nvidia=$NVIDIA_VISIBLE_DEVICES'\n"
                        + "    " + body + "\n"
                        + "  }\n"
                        + "}",
                true));
        return job;
    }
}
