package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.labels.Finding;
import io.mlops.labels.RecordingSink;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every label reader promises about input it cannot read, run once per format by a subclass:
 * a missing, an empty and a malformed input each end in a message that names the file, and none of
 * them hands the sink a half-read label.
 *
 * <p>An empty input is a fact about the export, not a parse error, so a reader may report it as a
 * finding (and let a check list it beside the others) or refuse it with a {@link UserError}; either
 * names the file. A malformed input stops the read with a UserError naming the file, except in the
 * line-per-record formats, which report the bad line as an error finding and read on.
 */
abstract class LabelReaderContract {
    @TempDir
    Path dir;

    /**
     * The reader under test.
     *
     * @return a new reader
     */
    abstract LabelReader reader();

    /**
     * Writes an input that holds nothing (an empty file, or the format's empty equivalent).
     *
     * @param dir a fresh directory
     * @return the path to read
     * @throws IOException when writing fails
     */
    abstract Path empty(Path dir) throws IOException;

    /**
     * Writes an input cut off inside its first label, so that a reader that parsed nothing whole has
     * nothing to hand on.
     *
     * @param dir a fresh directory
     * @return the path to read
     * @throws IOException when writing fails
     */
    abstract Path malformed(Path dir) throws IOException;

    /**
     * The name of the file an error about {@link #malformed} must name, when not the input itself
     * (a YOLO dataset is a directory; its broken part is a file in it).
     *
     * @param input the path {@link #malformed} returned
     * @return the file to name
     */
    Path malformedFile(Path input) {
        return input;
    }

    @Test
    void shouldNameAMissingInput() {
        Path missing = dir.resolve("no-such-labels");

        assertThatThrownBy(() -> read(missing, new RecordingSink()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldNameAnEmptyInputAndReadNothingFromIt() throws IOException {
        Path empty = empty(dir);
        RecordingSink sink = new RecordingSink();

        try {
            read(empty, sink);
            assertThat(sink.findings)
                    .as("an empty input is reported where it is")
                    .anySatisfy(finding -> {
                        assertThat(finding.severity()).isIn(Severity.ERROR, Severity.WARNING);
                        assertThat(finding.where().file()).startsWith(empty.toString());
                    });
        } catch (UserError e) {
            assertThat(e).hasMessageContaining(empty.toString());
        }
        assertNothingHalfRead(sink);
    }

    @Test
    void shouldNameAMalformedInputAndHandOnNothingHalfRead() throws IOException {
        Path malformed = malformed(dir);
        String file = malformedFile(malformed).toString();
        RecordingSink sink = new RecordingSink();

        try {
            read(malformed, sink);
            assertThat(sink.findings)
                    .as("a reader that reads past a malformed record says so, with the file")
                    .filteredOn(finding -> finding.severity() == Severity.ERROR)
                    .extracting(Finding::where)
                    .anySatisfy(where -> assertThat(where.file()).isEqualTo(file));
        } catch (UserError e) {
            assertThat(e).hasMessageContaining(file);
        }
        assertNothingHalfRead(sink);
    }

    private void read(Path labels, RecordingSink sink) {
        reader().read(labels, dir, sink, ProgressListener.NONE);
    }

    private static void assertNothingHalfRead(RecordingSink sink) {
        assertThat(sink.annotations).as("annotations").isEmpty();
        assertThat(sink.imageLabels).as("image labels").isEmpty();
    }
}
