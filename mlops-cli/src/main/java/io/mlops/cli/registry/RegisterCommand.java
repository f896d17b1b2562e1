package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.NewVersion;
import io.mlops.registry.UnknownRegistryEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry register MODEL --file PATH}: a new version of a model. */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Register a model file as the next version of MODEL (creating MODEL if it is new)"
                    + " and print the new version number.",
            RegistryCommand.ACTOR_NOTE
        })
final class RegisterCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "The model file, e.g. model.onnx.")
    private Path file;

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
        var source = FileSource.of(file);
        NewVersion request =
                new NewVersion(model, source, runId, snapshots, Map.of(), ModelCardFields.none(), description);
        try (StoreOptions.OpenStore store = registry.open(storeOptions)) {
            if (runId != null) {
                store.tracking().run(runId); // an unknown run fails here, before a new model is created
            }
            ModelRegistry models = RegistryCommand.registry(store);
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
