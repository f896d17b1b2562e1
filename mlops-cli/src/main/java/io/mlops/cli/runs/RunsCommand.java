package io.mlops.cli.runs;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.server.StoreOptions;
import io.mlops.error.UserError;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.Experiment;
import io.mlops.tracking.ExperimentSearch;
import io.mlops.tracking.Page;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunSearch;
import io.mlops.tracking.TrackingStore;
import io.mlops.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops runs}: look at tracked runs. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "List, show and compare tracked runs.",
        subcommands = {ListCommand.class, ShowCommand.class, CompareCommand.class})
public final class RunsCommand implements Runnable {
    private static final int MAX_EXPERIMENTS = 50_000;

    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops runs needs a subcommand: " + spec.subcommands().keySet());
    }

    SuiteStores open(StoreOptions options) {
        return options.open(root.home(), root.environment());
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), root.json());
    }

    /**
     * Finds a run by full id or by a unique prefix of at least four characters.
     *
     * @param store the store
     * @param reference what the user typed
     * @return the run
     */
    static Run find(TrackingStore store, String reference) {
        if (reference.matches("[0-9a-f]{32}")) {
            return store.run(reference);
        }
        if (!reference.matches("[0-9a-f]{4,31}")) {
            throw new UserError("'" + reference + "' is not a run id or a prefix of one (at least 4 hex digits)");
        }
        List<Run> matches = search(store, List.of(), "attributes.run_id LIKE '" + reference + "%'", ViewType.ALL, 2);
        if (matches.isEmpty()) {
            throw new UserError("no run with id or prefix '" + reference + "' (see: mlops runs list)");
        }
        if (matches.size() > 1) {
            throw new UserError("run id prefix '" + reference + "' is ambiguous: it matches "
                    + matches.getFirst().id() + ", " + matches.get(1).id() + "...");
        }
        return matches.getFirst();
    }

    /**
     * Runs of some or all experiments, newest first.
     *
     * @param store the store
     * @param experimentIds the experiments, or empty for all
     * @param filter an MLflow filter, or empty
     * @param view active, deleted or all runs
     * @param limit the most runs to return
     * @return the runs
     */
    static List<Run> search(TrackingStore store, List<String> experimentIds, String filter, ViewType view, int limit) {
        List<String> ids = experimentIds;
        if (ids.isEmpty()) {
            ids = new ArrayList<>();
            Page<Experiment> experiments =
                    store.searchExperiments(new ExperimentSearch(ViewType.ALL, MAX_EXPERIMENTS, "", List.of(), null));
            for (Experiment experiment : experiments.items()) {
                ids.add(experiment.id());
            }
        }
        return store.searchRuns(new RunSearch(ids, filter, view, limit, List.of(), null))
                .items();
    }
}
