package io.mlops.cli.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "validate", "stats", "convert", "drift", "pull"})
    void shouldExplainEveryLabelsCommandWithHelp(String command) {
        String[] args = command.isEmpty()
                ? new String[] {"data", "labels", "--help"}
                : new String[] {"data", "labels", command, "--help"};

        Cli.Run run = new Cli(dir).run(args);

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: mlops data labels" + (command.isEmpty() ? "" : " " + command));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bogus"})
    void shouldTreatAMissingOrUnknownSubcommandAsAUsageError(String command) {
        String[] args = command.isEmpty() ? new String[] {"data", "labels"} : new String[] {"data", "labels", command};

        assertThat(new Cli(dir).run(args).status()).isEqualTo(2);
    }
}
