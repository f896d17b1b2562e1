package io.mlops.cli.labels;

import io.mlops.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line in-process, with its own home, and keeps what it printed. */
public final class Cli {
    private final Path home;

    /**
     * A command line over a home directory.
     *
     * @param home the suite's home for this test
     */
    public Cli(Path home) {
        this.home = home;
    }

    /**
     * What one command did.
     *
     * @param status the exit status
     * @param out standard output
     * @param err standard error
     */
    public record Run(int status, String out, String err) {}

    /**
     * Runs {@code mlops ARGS}.
     *
     * @param args the arguments after {@code mlops}
     * @return status and output
     */
    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(
                args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("MLOPS_HOME", home.toString()));
        return new Run(status, out.toString(), err.toString());
    }
}
