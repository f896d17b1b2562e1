package io.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void shouldStaySilentForWorkUnderASecond() {
        StringWriter err = new StringWriter();
        AtomicLong nanos = new AtomicLong();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(err), nanos::get);

        progress.begin("snapshot data", 10, 1000);
        progress.advance(10, 1000);
        nanos.addAndGet(999_000_000L);
        progress.paintIfDue();
        progress.end();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldShowFilesBytesAndRateForLongerWork() {
        StringWriter err = new StringWriter();
        AtomicLong nanos = new AtomicLong();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(err), nanos::get);

        progress.begin("snapshot data", 4, 4_000_000);
        progress.advance(1, 2_000_000);
        // the clock, not a sleep, says that 1.3 s have passed; the painter thread sees the same clock
        nanos.addAndGet(1_300_000_000L);
        progress.paintIfDue();
        progress.advance(3, 2_000_000);
        progress.end();

        String shown = err.toString();
        assertThat(shown).contains("\rsnapshot data [").contains("1/4 files").contains("2.0 MB/4.0 MB");
        assertThat(shown).contains("4/4 files  4.0 MB/4.0 MB").contains("/s").endsWith(System.lineSeparator());
    }
}
