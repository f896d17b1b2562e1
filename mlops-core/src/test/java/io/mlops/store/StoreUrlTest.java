package io.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreUrlTest {
    @Test
    void shouldParseASqliteFile() {
        StoreUrl url = StoreUrl.parse("sqlite:/var/lib/mlops/mlops.db");

        assertThat(url.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(url.file()).isEqualTo(Path.of("/var/lib/mlops/mlops.db"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/mlops/mlops.db");
        assertThat(url).hasToString("sqlite:/var/lib/mlops/mlops.db");
    }

    @Test
    void shouldAcceptSqlAlchemyStyleSqliteUrls() {
        assertThat(StoreUrl.parse("sqlite:////tmp/a.db").file()).isEqualTo(Path.of("/tmp/a.db"));
        assertThat(StoreUrl.parse("sqlite:///rel/a.db").file())
                .isEqualTo(Path.of("rel/a.db").toAbsolutePath());
    }

    @Test
    void shouldParseAPostgresqlUrlWithCredentials() {
        StoreUrl url = StoreUrl.parse("postgresql://ml%40ops:s3cr%3At@db.example:6543/tracking?sslmode=require");

        assertThat(url.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/tracking?sslmode=require");
        assertThat(url.user()).isEqualTo("ml@ops");
        assertThat(url.password()).isEqualTo("s3cr:t");
    }

    @Test
    void shouldDefaultThePostgresqlPort() {
        assertThat(StoreUrl.parse("postgres://db/tracking").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tracking");
    }

    @Test
    void shouldNeverShowThePassword() {
        StoreUrl url = StoreUrl.parse("postgresql://mlops:hunter2@db:5432/tracking");

        assertThat(url.toString())
                .isEqualTo("postgresql://mlops:***@db:5432/tracking")
                .doesNotContain("hunter2");
        assertThatThrownBy(() -> StoreUrl.parse("mysql://mlops:hunter2@db/x"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("mysql://mlops:***@db/x")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void shouldRejectIncompleteUrls() {
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("names no file");
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://db"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs a host and a database");
    }
}
