package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.git.GitState;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snapshot catalog works the same on SQLite and on PostgreSQL. */
abstract class SnapshotCatalogContract {
    private static final long FIVE_GIGABYTES = 5_000_000_000L;

    private Database database;
    private SnapshotCatalog catalog;

    abstract StoreUrl newStore();

    @BeforeEach
    void open() {
        database = Database.open(newStore(), Migrations.suite());
        catalog = new JdbcSnapshotCatalog(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Snapshot snapshot(String md5, Instant at, List<String> names) {
        return new Snapshot(
                md5,
                ObjectId.parse(md5 + ".dir"),
                true,
                "/data/images",
                "/cache",
                2,
                FIVE_GIGABYTES + 3,
                at,
                new GitState("0123456789abcdef0123456789abcdef01234567", false),
                "first cut",
                names);
    }

    @Test
    void shouldListNewestFirstAndResolveNamesToTheLatestEvenWithinOneSecond() {
        Manifest manifest = Manifest.of(List.of(new ManifestEntry("a.bin", "f".repeat(32), 1)));
        String whole = "1".repeat(32);
        String fraction = "2".repeat(32);
        catalog.record(snapshot(whole, Instant.parse("2026-01-01T00:00:05Z"), List.of("data")), manifest);
        catalog.record(snapshot(fraction, Instant.parse("2026-01-01T00:00:05.000120Z"), List.of("data")), manifest);

        assertThat(catalog.list()).extracting(Snapshot::id).containsExactly(fraction, whole);
        assertThat(catalog.find("data").orElseThrow().id()).isEqualTo(fraction);
        assertThat(catalog.find(fraction).orElseThrow().createdAt())
                .isEqualTo(Instant.parse("2026-01-01T00:00:05.000120Z"));
    }

    @Test
    void shouldRecordAndFindASnapshotLargerThanTwoGigabytes() {
        String id = "0123456789abcdef0123456789abcdef";
        Manifest manifest = Manifest.of(List.of(
                new ManifestEntry("a.bin", "f".repeat(32), FIVE_GIGABYTES),
                new ManifestEntry("b.txt", "e".repeat(32), 3)));

        Snapshot recorded =
                catalog.record(snapshot(id, Instant.parse("2026-01-01T00:00:00Z"), List.of("v1")), manifest);

        assertThat(recorded.totalSize()).isEqualTo(FIVE_GIGABYTES + 3);
        assertThat(catalog.find(id)).contains(recorded);
        assertThat(catalog.find("0123")).contains(recorded);
        assertThat(catalog.find("v1")).contains(recorded);
        assertThat(catalog.manifest(id).entries()).containsExactlyInAnyOrderElementsOf(manifest.entries());
    }

    @Test
    void shouldAddANameWhenTheSameContentIsRecordedAgain() {
        String id = "0123456789abcdef0123456789abcdef";
        Manifest manifest = Manifest.of(List.of(new ManifestEntry("a.bin", "f".repeat(32), 1)));
        catalog.record(snapshot(id, Instant.parse("2026-01-01T00:00:00Z"), List.of("v1")), manifest);

        Snapshot again = catalog.record(snapshot(id, Instant.parse("2026-02-01T00:00:00Z"), List.of("v2")), manifest);

        assertThat(again.names()).containsExactly("v1", "v2");
        assertThat(again.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(catalog.list()).hasSize(1);
    }

    @Test
    void shouldRefuseAnAmbiguousPrefix() {
        Manifest manifest = Manifest.of(List.of(new ManifestEntry("a.bin", "f".repeat(32), 1)));
        catalog.record(snapshot("abcd0000000000000000000000000000", Instant.EPOCH, List.of()), manifest);
        catalog.record(snapshot("abcd1111111111111111111111111111", Instant.EPOCH, List.of()), manifest);

        assertThatThrownBy(() -> catalog.find("abcd"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("ambiguous");
    }
}
