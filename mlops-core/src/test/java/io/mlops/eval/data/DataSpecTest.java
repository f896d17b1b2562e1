package io.mlops.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.eval.Task;
import io.mlops.image.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSpecTest {
    @TempDir
    Path tmp;

    @Test
    void shouldTellTheFormatFromThePathOrThePrefix() throws IOException {
        Files.createDirectories(tmp.resolve("images"));

        assertThat(DataSpec.parse(tmp.resolve("images").toString()).format()).isEqualTo("imagefolder");
        assertThat(DataSpec.parse("val.csv?target=y"))
                .isEqualTo(new DataSpec("csv", Path.of("val.csv"), Map.of("target", "y")));
        assertThat(DataSpec.parse("coco:ann.json?images=imgs").options()).containsEntry("images", "imgs");
        assertThat(DataSpec.parse("data.npz").format()).isEqualTo("npz");
        assertThat(DataSpec.parse("npy:x.npy?y=y.npy").toString()).isEqualTo("npy:x.npy?y=y.npy");
        assertThatThrownBy(() -> DataSpec.parse("data.parquet"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot tell the format of data 'data.parquet'");
        assertThatThrownBy(() -> DataSpec.parse("csv:a.csv?target")).hasMessageContaining("must be key=value");
    }

    @Test
    void shouldReadCsvWithQuotesNamedClassesAndChosenColumns() throws IOException {
        Path csv = Files.writeString(tmp.resolve("t.csv"), "id,\"size, cm\",weight,kind\n1,2.5,3,dog\n2,\"4\",5,cat\n");
        Preprocessing features = new Preprocessing(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "kind",
                java.util.List.of("size, cm", "weight"),
                null);

        EvalSet set = DataSpec.parse(csv.toString()).open(Task.CLASSIFICATION, features);

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.classNames()).containsExactly("cat", "dog");
        Item first = set.read(0);
        assertThat(first.tensor().values()).containsExactly(2.5, 3);
        assertThat(first.label()).isEqualTo(1);
        assertThat(set.name(1)).isEqualTo(csv + " line 3");
    }

    @Test
    void shouldNameLineAndColumnOfABadValue() throws IOException {
        Path csv = Files.writeString(tmp.resolve("bad.csv"), "a,b,label\n1,2,0\n1,x,1\n");

        assertThatThrownBy(() -> DataSpec.parse(csv.toString()).open(Task.CLASSIFICATION, Preprocessing.DEFAULTS))
                .isInstanceOf(UserError.class)
                .hasMessage(csv + " line 3, column 'b': 'x' is not a number");
        assertThatThrownBy(() -> DataSpec.parse(csv + "?target=nope").open(Task.REGRESSION, Preprocessing.DEFAULTS))
                .hasMessage(csv + " has no column 'nope' (columns: [a, b, label])");
    }
}
