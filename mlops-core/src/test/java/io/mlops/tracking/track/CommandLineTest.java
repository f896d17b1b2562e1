package io.mlops.tracking.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void shouldQuoteOnlyWhatAShellWouldSplit() {
        assertThat(CommandLine.display(List.of("python", "train.py", "--lr=0.01")))
                .isEqualTo("python train.py --lr=0.01");
        assertThat(CommandLine.display(List.of("python", "-c", "print('hi there')")))
                .isEqualTo("python -c 'print('\"'\"'hi there'\"'\"')'");
        assertThat(CommandLine.display(List.of("sh", "-c", "echo $HOME"))).isEqualTo("sh -c 'echo $HOME'");
    }
}
