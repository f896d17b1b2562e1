package io.mlops.cli;

import io.mlops.cli.data.DataCommand;
import io.mlops.cli.deploy.DeployCommand;
import io.mlops.cli.eval.EvaluateCommand;
import io.mlops.cli.hardware.HardwareCommand;
import io.mlops.cli.monitor.MonitorCommand;
import io.mlops.cli.onnx.ConvertCommand;
import io.mlops.cli.registry.RegistryCommand;
import io.mlops.cli.report.ReportCommand;
import io.mlops.cli.runs.RunsCommand;
import io.mlops.cli.server.ServerCommand;
import io.mlops.cli.track.TrackCommand;
import io.mlops.home.SuiteHome;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code mlops} command: groups of subcommands over the suite's home. */
@Command(
        name = "mlops",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        scope = ScopeType.INHERIT,
        description =
                "The MLOps suite outside Jenkins: data snapshots, tracking, conversion, evaluation, registry, deployment,"
                        + " hardware, pull-request reports.",
        subcommands = {
            DataCommand.class,
            TrackCommand.class,
            RunsCommand.class,
            ServerCommand.class,
            ConvertCommand.class,
            EvaluateCommand.class,
            RegistryCommand.class,
            DeployCommand.class,
            MonitorCommand.class,
            HardwareCommand.class,
            ReportCommand.class
        })
public final class MlopsCommand implements Runnable {
    private final Map<String, String> environment;

    @Option(
            names = "--home",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "The suite's home (database, cache). Default: $MLOPS_HOME, else ~/.mlops.")
    private Path home;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print machine-readable JSON.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    MlopsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops needs a command group: " + spec.subcommands().keySet());
    }

    /**
     * The home chosen by option, environment or default.
     *
     * @return the suite's home
     */
    public SuiteHome home() {
        return SuiteHome.resolve(home, environment);
    }

    /**
     * Whether JSON output was asked for.
     *
     * @return true with {@code --json}
     */
    public boolean json() {
        return json;
    }

    /**
     * The environment the command runs in.
     *
     * @return environment variables
     */
    public Map<String, String> environment() {
        return environment;
    }
}
