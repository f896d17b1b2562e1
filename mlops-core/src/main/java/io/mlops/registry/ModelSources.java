package io.mlops.registry;

import io.mlops.error.UserError;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the sources the MLflow client registers as MLflow model directories, against the
 * tracking tables: {@code runs:/<run>/<path>} (a run's artifact directory, or else the logged
 * model the run logged under that name, as MLflow 3 resolves it), {@code models:/<model id>[/<path>]}
 * and {@code mlflow-artifacts:/<experiment>/<run>/artifacts/<path>} or
 * {@code mlflow-artifacts:/<experiment>/models/<model id>/artifacts[/<path>]}.
 */
final class ModelSources {
    private static final Pattern RUNS = Pattern.compile("runs:/([^/]+)/?(.*)", Pattern.DOTALL);
    private static final Pattern MODELS = Pattern.compile("models:/(m-[0-9a-f]{32})/?(.*)", Pattern.DOTALL);
    private static final Pattern ARTIFACTS =
            Pattern.compile("mlflow-artifacts:(?://[^/]*)?/+(\\d+)/([^/]+)/artifacts/?(.*)", Pattern.DOTALL);
    private static final Pattern MODEL_ARTIFACTS = Pattern.compile(
            "mlflow-artifacts:(?://[^/]*)?/+(\\d+)/models/(m-[0-9a-f]{32})/artifacts/?(.*)", Pattern.DOTALL);

    private ModelSources() {}

    static ModelDirectory resolve(Connection connection, String uri) throws SQLException {
        Matcher matcher;
        if ((matcher = MODEL_ARTIFACTS.matcher(uri)).matches() || (matcher = MODELS.matcher(uri)).matches()) {
            String modelId = matcher.group(matcher.groupCount() - 1);
            return loggedModel(
                    connection, uri, modelId, SourcePaths.check(trim(matcher.group(matcher.groupCount())), uri));
        }
        if ((matcher = ARTIFACTS.matcher(uri)).matches() || (matcher = RUNS.matcher(uri)).matches()) {
            String runId = matcher.group(matcher.groupCount() - 1);
            String path = SourcePaths.check(trim(matcher.group(matcher.groupCount())), uri);
            return runDirectory(connection, uri, runId, path);
        }
        throw new UserError("Unsupported model version source '" + uri + "': give runs:/<run id>/<path>,"
                + " models:/<model id>, an mlflow-artifacts:/ URI of this server, or a model file it can read");
    }

    private static ModelDirectory runDirectory(Connection connection, String uri, String runId, String path)
            throws SQLException {
        if (LineageRows.run(connection, runId).isEmpty()) {
            throw new UnknownRegistryEntry("no tracking run with id '" + runId + "' in this store");
        }
        List<VersionFile> files = DirectoryRows.runFiles(connection, runId, path);
        if (files.stream().anyMatch(file -> file.path().equals(ModelDirectory.MLMODEL)) || path.isEmpty()) {
            return new ModelDirectory(uri, runId, files);
        }
        int slash = path.indexOf('/');
        String name = slash < 0 ? path : path.substring(0, slash);
        Optional<String> modelId = DirectoryRows.loggedModelOfRun(connection, runId, name);
        if (modelId.isPresent()) {
            return new ModelDirectory(
                    uri,
                    runId,
                    DirectoryRows.loggedModelFiles(
                            connection, modelId.get(), slash < 0 ? "" : path.substring(slash + 1)));
        }
        return new ModelDirectory(uri, runId, files);
    }

    private static ModelDirectory loggedModel(Connection connection, String uri, String modelId, String path)
            throws SQLException {
        Optional<String> runId = DirectoryRows.loggedModel(connection, modelId)
                .orElseThrow(() -> new UnknownRegistryEntry("no logged model with id '" + modelId + "' in this store"));
        return new ModelDirectory(uri, runId.orElse(null), DirectoryRows.loggedModelFiles(connection, modelId, path));
    }

    private static String trim(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
