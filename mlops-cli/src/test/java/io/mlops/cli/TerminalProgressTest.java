package io.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void shouldStaySilentForWorkUnderASecond() {
        StringWriter err = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(err));

        progress.begin("snapshot data", 10, 1000);
        progress.advance(10, 1000);
        progress.end();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldShowFilesBytesAndRateForLongerWork() throws InterruptedException {
        StringWriter err = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(err));

        progress.begin("snapshot data", 4, 4_000_000);
        progress.advance(1, 2_000_000);
        Thread.sleep(1_300);
        progress.advance(3, 2_000_000);
        progress.end();

        String shown = err.toString();
        assertThat(shown).contains("\rsnapshot data [").contains("1/4 files").contains("2.0 MB/4.0 MB");
        assertThat(shown).contains("4/4 files  4.0 MB/4.0 MB").contains("/s").endsWith(System.lineSeparator());
    }
}
