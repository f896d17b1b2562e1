package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The MLflow client surface on SQLite, the embedded default; and the compatibility table of
 * docs/tracking.md, which must be exactly what the scripts record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqliteMlflowClientSurfaceTest extends MlflowClientSurface {
    private int stores;

    @Override
    String newStore() {
        return "sqlite:" + directory.resolve("store-" + ++stores + ".db");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void shouldDocumentExactlyWhatTheClientScriptsRecord() throws IOException {
        for (ClientScript script : ClientScript.ALL) {
            if (!RECORDED.containsKey(script.file())) {
                // Run alone (e.g. -Dtest=...#this): record the missing script here.
                Path scratch = Files.createDirectories(directory.resolve("table-" + script.file()));
                RECORDED.put(script.file(), run(script, scratch, "sqlite:" + scratch.resolve("store.db")));
            }
        }
        String table = CompatibilityTable.render(RECORDED, UNKNOWN);
        Path page = CompatibilityTable.page();
        String current = CompatibilityTable.read(page);
        String expected = CompatibilityTable.replace(current, table);
        if (Boolean.getBoolean("mlops.docs.update")) {
            Files.writeString(page, expected, StandardCharsets.UTF_8);
        }
        Path generated = Path.of("target", "mlflow-client-surface.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, table, StandardCharsets.UTF_8);
        assertThat(CompatibilityTable.read(page))
                .as(
                        "docs/tracking.md's table is not what the client scripts record (see %s);"
                                + " re-generate it with -Dmlops.docs.update=true",
                        generated.toAbsolutePath())
                .isEqualTo(expected);
        assertThat(List.copyOf(RECORDED.keySet())).isNotEmpty();
    }
}
