package io.mlops.tracking.track;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A command as people would type it into a POSIX shell, for the run's source. */
final class CommandLine {
    private static final Pattern PLAIN = Pattern.compile("[\\w@%+=:,./-]+");

    private CommandLine() {}

    /**
     * Joins the arguments, single-quoting those a shell would split or interpret.
     *
     * @param command the program and its arguments
     * @return e.g. {@code python -c 'print(1)'}
     */
    static String display(List<String> command) {
        return command.stream()
                .map(argument ->
                        PLAIN.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\"'\"'") + "'")
                .collect(Collectors.joining(" "));
    }
}
