package io.mlops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * deployTo's own checks, before any inference agent is contacted, and the choice of {@code backend:
 * 'auto'} from an agent's report. A deployment to a running inference agent is not tested here (it
 * needs the inference-agent process next to Jenkins).
 */
@WithJenkins
class DeployToStepTest {
    @Test
    void shouldNameAnAgentThatIsNeitherConfiguredNorAUrl(JenkinsRule j) throws Exception {
        WorkflowRun run = build(j, "deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'gpu-9'");

        j.assertLogContains("agent 'gpu-9' is neither a configured inference agent", run);
    }

    @Test
    void shouldAskForTheAgentsTokenCredential(JenkinsRule j) throws Exception {
        WorkflowRun run =
                build(j, "deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'http://localhost:1'");

        j.assertLogContains("deployTo needs credentialsId", run);
    }

    @Test
    void shouldNameAnUnknownCredential(JenkinsRule j) throws Exception {
        WorkflowRun run = build(
                j,
                "deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'http://localhost:1',"
                        + " credentialsId: 'nope'");

        j.assertLogContains("no secret text credential 'nope'", run);
    }

    /**
     * {@code backend: 'auto'} asks the agent's {@code GET /v2} before anything else and prints the
     * choice: here a loopback server answering as an Intel Xeon agent with OpenVINO loaded. The
     * deployment then stops at the registry (no model 'persons'), after the choice was shown.
     */
    @Test
    void shouldPrintTheBackendAutoChoseAndWhy(JenkinsRule j) throws Exception {
        byte[] xeon = ("{\"name\":\"mlops-inference-agent\",\"version\":\"0.1.0\","
                        + "\"extensions\":[\"mlops-hardware\"],\"mlops\":{\"backends\":[\"onnxruntime\",\"openvino\"],"
                        + "\"hardware\":{\"cpu\":{\"vendor\":\"intel\","
                        + "\"model\":\"Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz\"},"
                        + "\"gpus\":[],\"openvinoDevices\":[\"CPU\"]}}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/v2", exchange -> {
            boolean metadata = "/v2".equals(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(metadata ? 200 : 404, metadata ? xeon.length : -1);
            if (metadata) {
                exchange.getResponseBody().write(xeon);
            }
            exchange.close();
        });
        agent.start();
        try {
            SystemCredentialsProvider.getInstance()
                    .getCredentials()
                    .add(new StringCredentialsImpl(
                            CredentialsScope.GLOBAL, "agent-token", "agent admin token", Secret.fromString("t0ken")));
            WorkflowRun run = build(
                    j,
                    "deployTo backend: 'auto', model: 'persons@staging', credentialsId: 'agent-token', agent: "
                            + "'http://127.0.0.1:" + agent.getAddress().getPort() + "'");

            j.assertLogContains(
                    "[mlops] deployTo backend auto: openvino (the agent loaded OpenVINO and the CPU is Intel"
                            + " (Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz))",
                    run);
            j.assertLogNotContains("t0ken", run);
        } finally {
            agent.stop(0);
        }
    }

    private static WorkflowRun build(JenkinsRule j, String step) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node { " + step + " }", true));
        return j.buildAndAssertStatus(Result.FAILURE, job);
    }
}
