package io.mlops.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives tests a real PostgreSQL: one server per test run, started on first use and stopped at the
 * end, and a fresh database per call of {@link #createDatabase()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension POSTGRES = new PostgresExtension();
 * ... Database.open(StoreUrl.parse(POSTGRES.createDatabase()), ...)
 * }</pre>
 *
 * <p>The policy is that of {@link Peers}: without PostgreSQL installed the tests are skipped with
 * the reason, except under CI ({@code CI=true}), where they fail.
 */
public final class PostgresExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Shared shared = store.get(Shared.class, Shared.class);
        if (shared == null) {
            shared = new Shared(PostgresServer.start(binaries()));
            store.put(Shared.class, shared);
        }
        server = shared.server();
    }

    /**
     * The PostgreSQL binaries, or the test skipped (failed under CI) when there are none.
     *
     * @return the directory of initdb and pg_ctl
     */
    public static Path binaries() {
        Optional<Path> bin = PostgresServer.binaries();
        if (bin.isEmpty()) {
            String reason = "PostgreSQL not found (initdb, pg_ctl): install Debian's postgresql package or set"
                    + " MLOPS_PG_BIN to the directory of its binaries";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return bin.get();
    }

    /**
     * Creates an empty database on the shared server.
     *
     * @return its store URL, with user and password
     */
    public String createDatabase() {
        return server.createDatabase();
    }

    /**
     * The shared server.
     *
     * @return the running server
     */
    public PostgresServer server() {
        return server;
    }

    /** Stops the shared server when the test run ends. */
    private record Shared(PostgresServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
