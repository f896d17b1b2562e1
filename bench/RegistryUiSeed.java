import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Seeds a large registry through the core API for bench/registry-ui-usable.sh: MODELS models
 * (model-000 ...) with VERSIONS versions each, four metrics per version, and a production and a
 * staging alias moved a few times, so the model page has a full table, chart and audit log.
 *
 * <p>usage: java -cp mlops-cli/target/mlops.jar bench/RegistryUiSeed.java DB_FILE MODELS VERSIONS
 */
public class RegistryUiSeed {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int models = Integer.parseInt(args[1]);
        int versions = Integer.parseInt(args[2]);
        Random random = new Random(42);
        long started = System.nanoTime();
        try (Database database = Database.sqlite(file, Migrations.suite())) {
            JdbcModelRegistry registry = new JdbcModelRegistry(database);
            Change seeder = Change.by("bench");
            AliasName production = new AliasName("production");
            AliasName staging = new AliasName("staging");
            for (int m = 0; m < models; m++) {
                String name = String.format("model-%03d", m);
                registry.createModel(name, "benchmark model " + m, Map.of("team", "team-" + (m % 7)), seeder);
                for (int v = 1; v <= versions; v++) {
                    double quality = 0.4 + 0.4 * v / versions + random.nextGaussian() * 0.01;
                    registry.registerVersion(
                            new NewVersion(
                                    name,
                                    new SourceArtifact(
                                            "file:///models/" + name + "/" + v + "/model.onnx",
                                            String.format("%064x", (long) m * 100_000 + v),
                                            50_000_000L + v),
                                    null,
                                    java.util.List.of(),
                                    Map.of(
                                            "mAP50", quality,
                                            "mAP50-95", quality * 0.6,
                                            "recall", quality + 0.05,
                                            "latency_ms", 8 + random.nextDouble() * 4),
                                    new ModelCardFields("images: float32[N,3,640,640]", "boxes: float32[N,84,8400]", 17),
                                    ""),
                            seeder);
                    if (v % 10 == 0) {
                        registry.setAlias(name, production, v, new Change("bench", "weekly release " + v));
                    }
                }
                registry.setAlias(name, staging, versions, new Change("bench", "latest candidate"));
            }
        }
        System.err.printf(
                "seeded %d models x %d versions in %.1f s%n", models, versions, (System.nanoTime() - started) / 1e9);
    }
}
