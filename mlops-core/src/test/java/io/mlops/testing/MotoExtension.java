package io.mlops.testing;

import java.io.IOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives tests a real S3-compatible server ({@link MotoServer}): one per test run, started on first use,
 * stopped at the end. Tests make their own bucket (with a unique name) per case.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MotoExtension S3 = new MotoExtension();
 * ... S3.server().createBucket("b1"); S3Clients.open(S3.server().settings(), 8)
 * }</pre>
 *
 * <p>The policy is that of {@link Peers}: without {@code moto_server} in the venv the tests are skipped
 * with the reason, except under CI, where they fail.
 */
public final class MotoExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    private MotoServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Shared shared = store.get(Shared.class, Shared.class);
        if (shared == null) {
            shared = new Shared(MotoServer.start(Peers.program("moto_server")));
            store.put(Shared.class, shared);
        }
        server = shared.server();
    }

    /**
     * The shared server.
     *
     * @return the running server
     */
    public MotoServer server() {
        return server;
    }

    /** Stops the shared server when the test run ends. */
    private record Shared(MotoServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
