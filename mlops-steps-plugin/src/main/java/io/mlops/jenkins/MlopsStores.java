package io.mlops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.security.ACL;
import io.mlops.blob.LocalBlobStore;
import io.mlops.data.JdbcSnapshotCatalog;
import io.mlops.data.Snapshots;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.labels.card.JdbcCardCatalog;
import io.mlops.labels.scan.LabeledSnapshots;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.token.ScopedTokens;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.TrackingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;

/**
 * The suite's stores on the controller, opened from the current {@link MlopsConfiguration} and
 * reopened when it changes: one connection pool and one registry instance, so registry triggers
 * hear every change made through Jenkins. Also the build-scoped tokens of running trackRun steps.
 */
@Extension
public final class MlopsStores {
    private Open open;

    /**
     * This Jenkins' stores.
     *
     * @return the extension
     */
    public static MlopsStores get() {
        return ExtensionList.lookupSingleton(MlopsStores.class);
    }

    /**
     * The stores for the configuration in force.
     *
     * @return the open stores
     * @throws UserError when the store cannot be opened (wrong URL or credential)
     */
    public synchronized Open current() {
        MlopsConfiguration config = MlopsConfiguration.get();
        Key key = new Key(config.getStoreUrl(), config.getStoreCredentialsId(), config.getArtifactsDirectory());
        if (open == null || !open.key().equals(key)) {
            Open previous = open;
            open = Open.of(key, home());
            if (previous != null) {
                previous.database().close();
            }
        }
        return open;
    }

    /**
     * The tokens of running trackRun steps.
     *
     * @return the issuer and verifier
     */
    public ScopedTokens tokens() {
        // Kept (hashed) in the store, so a controller restart does not end a running build's token.
        return new ScopedTokens(current().database());
    }

    /**
     * The suite's home on the controller: JENKINS_HOME/mlops.
     *
     * @return the home
     */
    public static SuiteHome home() {
        return new SuiteHome(Jenkins.get().getRootDir().toPath().resolve("mlops"));
    }

    /** What decides which store is open. */
    record Key(String url, String credentialsId, String artifacts) {}

    /**
     * The open stores.
     *
     * @param key the configuration they were opened for
     * @param home the suite's home on the controller
     * @param database the metadata database
     * @param tracking runs and metrics
     * @param blobs artifact bytes
     * @param registry the model registry, telling {@link RegistryEventHandler}s of every change
     */
    public record Open(
            Key key,
            SuiteHome home,
            Database database,
            TrackingStore tracking,
            LocalBlobStore blobs,
            ModelRegistry registry) {
        static Open of(Key key, SuiteHome home) {
            Database database = Database.open(url(key, home), Migrations.suite());
            JdbcModelRegistry registry = new JdbcModelRegistry(database);
            registry.listeners().add(event -> {
                for (RegistryEventHandler handler : ExtensionList.lookup(RegistryEventHandler.class)) {
                    handler.onEvent(event, registry);
                }
            });
            Path artifacts = key.artifacts() == null ? home.directory().resolve("artifacts") : Path.of(key.artifacts());
            return new Open(
                    key, home, database, new JdbcTrackingStore(database), new LocalBlobStore(artifacts), registry);
        }

        /**
         * The snapshot catalog.
         *
         * @return snapshots in this store
         */
        public Snapshots snapshots() {
            return new Snapshots(home, new JdbcSnapshotCatalog(database));
        }

        /**
         * The snapshot catalog with dataset cards.
         *
         * @return labeled snapshots in this store
         */
        public LabeledSnapshots labeledSnapshots() {
            return new LabeledSnapshots(snapshots(), new JdbcCardCatalog(database));
        }

        private static StoreUrl url(Key key, SuiteHome home) {
            if (key.url() == null) {
                return StoreUrl.sqlite(home.directory().resolve("mlops.db"));
            }
            StoreUrl url = StoreUrl.parse(key.url());
            if (key.credentialsId() == null) {
                return url;
            }
            StandardUsernamePasswordCredentials login = CredentialsMatchers.firstOrNull(
                    CredentialsProvider.lookupCredentialsInItemGroup(
                            StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                    CredentialsMatchers.withId(key.credentialsId()));
            if (login == null) {
                throw new UserError("the MLOps store credential '" + key.credentialsId() + "' does not exist");
            }
            return new StoreUrl(
                    url.dialect(),
                    url.file(),
                    url.jdbcUrl(),
                    login.getUsername(),
                    Objects.requireNonNull(login.getPassword()).getPlainText());
        }
    }
}
