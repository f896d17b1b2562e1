package io.mlops.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.blob.Blob;
import io.mlops.cli.Main;
import io.mlops.home.SuiteHome;
import io.mlops.objectstore.StorageLocation;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.suite.SuiteStores;
import io.mlops.testing.MotoExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version whose model file is a run artifact kept in an S3 artifact store deploys with
 * {@code mlops deploy --artifacts s3://...}: the command reads the file from the bucket and uploads the
 * bundle to the real inference agent, which never talks to S3.
 */
class S3ArtifactDeployTest {
    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    private static final String TOKEN = "admin-token-for-tests";

    @TempDir
    Path directory;

    @Test
    void shouldDeployARunArtifactKeptInTheBucket() throws Exception {
        S3.server().createBucket("deploy-artifacts");
        StorageLocation.S3 bucket = new StorageLocation.S3("deploy-artifacts", "team");
        Path home = Files.createDirectories(directory.resolve("home"));
        Path model = ServingModels.lookup(directory.resolve("model.onnx"), 10);
        try (SuiteStores stores =
                SuiteStores.open(new SuiteHome(home), null, bucket, S3.server().settings())) {
            Blob blob;
            try (InputStream in = Files.newInputStream(model)) {
                blob = stores.blobs().put(in);
            }
            stores.registry().createModel("lookup", "", Map.of(), Change.by("alice"));
            stores.registry()
                    .registerVersion(
                            new NewVersion(
                                    "lookup",
                                    new SourceArtifact(
                                            "runs:/0123456789abcdef0123456789abcdef/model.onnx",
                                            blob.id().sha256(),
                                            blob.size()),
                                    null,
                                    List.of(),
                                    Map.of(),
                                    ModelCardFields.none(),
                                    ""),
                            Change.by("alice"));
            stores.registry().setAlias("lookup", new AliasName("production"), 1, Change.by("alice"));
        }
        // Only the bucket holds the model now.
        Files.delete(model);
        Path token = Files.writeString(directory.resolve("admin-token"), TOKEN + "\n");

        try (AgentProcess agent = AgentProcess.start(
                Files.createDirectories(directory.resolve("repository")), token, directory.resolve("agent.log"))) {
            ProcessBuilder command = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--home",
                            home.toString(),
                            "deploy",
                            "--artifacts",
                            bucket.toString(),
                            "--agent",
                            agent.url(),
                            "--token-file",
                            token.toString(),
                            "--model",
                            "lookup@production",
                            "--backend",
                            "onnxruntime"))
                    .redirectErrorStream(true);
            command.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
            command.environment().putAll(S3.server().environment());
            Process deploy = command.start();
            deploy.getOutputStream().close();
            String output = new String(deploy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(deploy.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(deploy.exitValue()).as(output).isZero();
            assertThat(output).contains("lookup v1 on onnxruntime@127.0.0.1 is live at " + agent.url());
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(agent.url() + "/v2/models/lookup/infer"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"name\":\"ids\","
                                            + "\"shape\":[1,1],\"datatype\":\"INT64\",\"data\":[3]}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(new ObjectMapper()
                            .readTree(answer.body())
                            .at("/outputs/0/data/0")
                            .asDouble())
                    .isEqualTo(1.5);
        }
        try (SuiteStores stores =
                SuiteStores.open(new SuiteHome(home), null, bucket, S3.server().settings())) {
            assertThat(stores.registry().deployments("lookup"))
                    .singleElement()
                    .extracting(deployment -> deployment.status())
                    .isEqualTo(DeploymentStatus.RUNNING);
        }
    }
}
