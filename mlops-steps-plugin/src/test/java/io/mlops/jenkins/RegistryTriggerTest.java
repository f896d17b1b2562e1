package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import io.mlops.jenkins.triggers.MlopsCause;
import io.mlops.jenkins.triggers.RegistryEventPoll;
import io.mlops.jenkins.triggers.RegistryTrigger;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.NewVersion;
import io.mlops.suite.SuiteStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The registry trigger reads the registry's event stream, so a change made outside Jenkins (here: through
 * stores opened apart from the controller's, as {@code mlops registry} commands open theirs) starts the
 * job; each event is handed on once.
 */
@WithJenkins
class RegistryTriggerTest {
    @TempDir
    Path tmp;

    @Test
    void shouldBuildForAVersionRegisteredByAnotherProcessOnce(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "retrain");
        job.setDefinition(new CpsFlowDefinition("echo 'triggered'", true));
        RegistryTrigger trigger = new RegistryTrigger("newVersion");
        trigger.setModel("persons");
        job.addTrigger(trigger);
        RegistryEventPoll poll = ExtensionList.lookupSingleton(RegistryEventPoll.class);
        poll.dispatchNew(); // registers this controller at the head of the stream

        try (SuiteStores cli = SuiteStores.open(MlopsStores.home(), null, null)) {
            cli.registry().createModel("persons", "", Map.of(), Change.by("cli"));
            Path model = Files.writeString(tmp.resolve("persons.onnx"), "model bytes");
            cli.registry().registerVersion(NewVersion.of("persons", FileSource.of(model)), Change.by("cli"));
        }

        // Hands the event on, unless the periodic read (every 5 s) already did.
        poll.dispatchNew();
        j.waitUntilNoActivity();
        assertThat(job.getBuilds()).hasSize(1);
        assertThat(job.getLastBuild().getCause(MlopsCause.class)).isNotNull();

        assertThat(poll.dispatchNew()).as("the event was acknowledged").isZero();
        j.waitUntilNoActivity();
        assertThat(job.getBuilds()).hasSize(1);
    }
}
