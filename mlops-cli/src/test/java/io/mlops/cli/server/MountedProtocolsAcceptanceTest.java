package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.blob.LocalBlobStore;
import io.mlops.registry.AliasName;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.token.ScopedTokens;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.http.HostedEndpoint;
import io.mlops.tracking.http.MlflowServlet;
import io.mlops.tracking.http.MountedRequest;
import io.mlops.tracking.http.ProtocolStack;
import io.mlops.tracking.http.VerifiedBearerFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol handlers served the way the Jenkins plugins serve them: a host that routes every
 * request itself (as Stapler does) hands those below its mount point to a {@link ProtocolStack}
 * through a {@link MountedRequest}, behind build-scoped tokens. The real MLflow client, pointed at
 * the mount, must not see a difference from {@code mlops server}.
 */
class MountedProtocolsAcceptanceTest {
    private static final String MOUNT = "/jenkins/mlops";

    @TempDir
    Path directory;

    @Test
    void shouldServeTheMlflowClientBelowAHostsMountWithABuildToken() throws IOException {
        Path model = Files.writeString(directory.resolve("persons.onnx"), "bytes to hash");
        Path script = PythonClient.script(directory, "register.py");
        Database database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        ScopedTokens tokens = new ScopedTokens(database);
        String token = tokens.issue("persons#7");
        ModelRegistry registry = new JdbcModelRegistry(database);
        ProtocolStack stack = new ProtocolStack(
                List.of(
                        new VerifiedBearerFilter(
                                presented -> tokens.verify(presented).isPresent()),
                        new MlflowRegistryFilter(registry, List.of(directory))),
                new MlflowServlet(new JdbcTrackingStore(database), new LocalBlobStore(directory.resolve("artifacts"))));
        try (database;
                HostedEndpoint host = new JettyHost()
                        .serve(new InetSocketAddress("127.0.0.1", 0), new RoutingHost(stack), List.of())) {
            URI mounted = URI.create(host.uri() + MOUNT);
            Map<String, String> environment = PythonClient.environment(mounted);
            environment.put("MLFLOW_TRACKING_TOKEN", token);

            PythonClient.Outcome outcome = PythonClient.run(script, environment, model.toString(), "persons");

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            JsonNode readback = outcome.readback();
            assertThat(readback.get("versions").toString()).isEqualTo("[\"1\",\"2\"]");
            assertThat(readback.get("aliases").toString()).isEqualTo("{\"production\":\"2\"}");
            assertThat(registry.versionByAlias("persons", new AliasName("production"))
                            .version())
                    .isEqualTo(2);

            Http http = new Http(host.uri());
            URI experiments = URI.create(mounted + "/api/2.0/mlflow/experiments/get?experiment_id=0");
            Http.Answer live =
                    http.send(HttpRequest.newBuilder(experiments).header("Authorization", "Bearer " + token));
            tokens.revoke("persons#7");
            Http.Answer revoked =
                    http.send(HttpRequest.newBuilder(experiments).header("Authorization", "Bearer " + token));
            Http.Answer outside = http.get("/jenkins/other");

            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().at("/experiment/name").asText()).isEqualTo("Default");
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.json().get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(revoked.text()).doesNotContain(token);
            assertThat(outside.status()).isEqualTo(404);
            assertThat(outside.text()).isEqualTo("host page");
        }
    }

    /** Stands in for Stapler: one servlet for everything, handing the mount's requests over. */
    private static final class RoutingHost extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ProtocolStack stack;

        RoutingHost(ProtocolStack stack) {
            this.stack = stack;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            if (request.getRequestURI().startsWith(MOUNT + "/")) {
                stack.serve(new MountedRequest(request, MOUNT), response);
            } else {
                response.setStatus(404);
                response.getWriter().write("host page");
            }
        }
    }
}
