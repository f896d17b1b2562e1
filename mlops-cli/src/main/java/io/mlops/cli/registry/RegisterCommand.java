package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.error.UserError;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.suite.SuiteStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlops registry register MODEL --file PATH | --artifact runs:/RUN/PATH}: a new version of a
 * model, with its card and metrics when given.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Register a model file, or a tracked run's artifact, as the next version of MODEL (creating MODEL"
                    + " if it is new) and print the new version number.",
            "--card takes the JSON of `mlops --json convert card MODEL` (or of `mlops --json convert`);"
                    + " --metrics takes the report.json of `mlops evaluate --report DIR` (or DIR).",
            RegistryCommand.ACTOR_NOTE
        })
final class RegisterCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Where the version's bytes are: a file, or a run's artifact. */
    static final class Source {
        @Option(names = "--file", paramLabel = "PATH", description = "The model file, e.g. model.onnx.")
        private Path file;

        @Option(
                names = "--artifact",
                paramLabel = "runs:/RUN_ID/PATH",
                description = "An artifact a tracked run logged, e.g. runs:/0a1b.../model.onnx; the run is its source.")
        private String artifact;
    }

    @Option(names = "--card", paramLabel = "FILE", description = "The model card JSON of `mlops --json convert card`.")
    private Path card;

    @Option(
            names = "--metrics",
            paramLabel = "FILE",
            description = "The report.json of `mlops evaluate --report DIR` (or DIR): its metrics.")
    private Path metrics;

    @Option(
            names = "--run",
            paramLabel = "RUN_ID",
            description = "The tracked run that produced it (full id); its data snapshots are taken"
                    + " when no --snapshot is given.")
    private String runId;

    @Option(names = "--snapshot", paramLabel = "ID", description = "A data snapshot behind the version (repeatable).")
    private List<String> snapshots = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "A note about this version.")
    private String description = "";

    @Override
    public Integer call() {
        // Card and metrics are read first, so that a bad file fails before anything is stored.
        ModelCardFields cardFields = card == null ? ModelCardFields.none() : CardFile.read(card);
        Map<String, Double> metricValues = metrics == null ? Map.of() : MetricsFile.read(metrics);
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            SourceArtifact bytes;
            String run = runId;
            if (source.artifact != null) {
                RunArtifactUri uri = RunArtifactUri.parse(source.artifact);
                if (run != null && !run.equals(uri.runId())) {
                    throw new UserError("--run " + run + " is not the run of --artifact " + source.artifact);
                }
                run = uri.runId();
                bytes = models.runArtifact(uri.runId(), uri.path());
            } else {
                bytes = FileSource.of(source.file);
            }
            if (run != null) {
                store.tracking().run(run); // an unknown run fails here, before a new model is created
            }
            NewVersion request = new NewVersion(model, bytes, run, snapshots, metricValues, cardFields, description);
            try {
                models.model(model);
            } catch (UnknownRegistryEntry missing) {
                models.createModel(model, "", Map.of(), registry.change(null));
            }
            ModelVersion created = models.registerVersion(request, registry.change(null));
            registry.output().result(created, Integer.toString(created.version()));
        }
        return 0;
    }
}
