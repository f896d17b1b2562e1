package io.mlops.cli;

import io.mlops.error.UserError;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/mlops}.
 *
 * <p>Exit codes: 0 success, 1 a user error (one clear message on stderr), 2 a usage error.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @param environment the environment variables the commands may read
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine line = new CommandLine(new MlopsCommand(environment));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof UserError) {
                err.println("mlops: error: " + exception.getMessage());
            } else {
                err.println("mlops: unexpected failure: " + exception);
                exception.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int status = line.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
