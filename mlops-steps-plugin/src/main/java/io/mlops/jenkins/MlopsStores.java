package io.mlops.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.security.ACL;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.monitor.HealthPolling;
import io.mlops.objectstore.S3Credentials;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.store.StoreUrl;
import io.mlops.suite.SuiteStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * The suite's stores on the controller, opened through mlops-core's composition root
 * ({@link SuiteStores}) from the current {@link MlopsConfiguration}, and reopened when it changes.
 *
 * <p>Saving the configuration opens the new stores and gives up this extension's reference to the old
 * ones; work that must finish on the stores it started with (a step writing to the registry) holds its
 * own reference from {@link #acquire()}, so the old pool closes when that work ends, not under it.
 * Once {@link WebhookDelivery} has started delivery, every stores this opens deliver webhooks from
 * their outbox.
 */
@Extension
public final class MlopsStores {
    private SuiteStores open;
    private Key openFor;
    private DeliverySettings delivery;

    /**
     * This Jenkins' stores.
     *
     * @return the extension
     */
    public static MlopsStores get() {
        return ExtensionList.lookupSingleton(MlopsStores.class);
    }

    /**
     * The stores for the configuration in force, for a read or a write that is over before the
     * configuration can change under it (a request, a check). Longer work uses {@link #acquire()}.
     *
     * @return the open stores
     * @throws UserError when the store cannot be opened (wrong URL or credential)
     */
    public synchronized SuiteStores current() {
        MlopsConfiguration config = MlopsConfiguration.get();
        Key key = new Key(
                config.getStoreUrl(),
                config.getStoreCredentialsId(),
                config.getArtifactsDirectory(),
                List.of(
                        String.valueOf(config.getS3EndpointUrl()),
                        String.valueOf(config.getS3Region()),
                        String.valueOf(config.isS3PathStyle()),
                        String.valueOf(config.getS3CredentialsId())));
        if (open == null || !key.equals(openFor)) {
            SuiteStores previous = open;
            open = open(key, home());
            openFor = key;
            if (delivery != null) {
                open.startDispatcher(delivery);
                // The Production view's poller runs beside delivery: both are the controller's background jobs.
                open.startHealthPoller(HealthPolling.DEFAULT);
            }
            if (previous != null) {
                // Only this extension's reference: work that acquired the old stores keeps them open.
                previous.close();
            }
        }
        return open;
    }

    /**
     * A reference to the current stores that keeps them open until it is closed, even when the
     * configuration is saved meanwhile.
     *
     * @return the reference; close it when the work ends
     * @throws UserError when the store cannot be opened
     */
    public synchronized SuiteStores.Reference acquire() {
        return current().retain();
    }

    /**
     * Delivers webhooks from the outbox of the current stores and of every stores opened later.
     *
     * @param settings retries, timeouts, lease and polling
     * @throws UserError when the store cannot be opened
     */
    synchronized void startDelivery(DeliverySettings settings) {
        delivery = Objects.requireNonNull(settings, "settings");
        current().startDispatcher(settings);
        current().startHealthPoller(HealthPolling.DEFAULT);
    }

    /** Stops delivery and gives up this extension's reference to the stores (Jenkins shuts down). */
    synchronized void shutDown() {
        delivery = null;
        if (open != null) {
            open.close();
            open = null;
            openFor = null;
        }
    }

    /**
     * The suite's home on the controller: JENKINS_HOME/mlops.
     *
     * @return the home
     */
    public static SuiteHome home() {
        return new SuiteHome(Jenkins.get().getRootDir().toPath().resolve("mlops"));
    }

    /** What decides which store is open; {@code s3} is the S3 connection's settings, without the secret. */
    private record Key(String url, String credentialsId, String artifacts, List<String> s3) {}

    private static SuiteStores open(Key key, SuiteHome home) {
        StorageLocation artifacts = key.artifacts() == null
                ? null
                : StorageLocation.parse(key.artifacts(), Path.of("").toAbsolutePath());
        S3Settings s3 =
                artifacts instanceof StorageLocation.S3 ? s3Settings() : S3Settings.fromEnvironment(java.util.Map.of());
        return SuiteStores.open(home, url(key), artifacts, s3);
    }

    /**
     * The S3 connection configured in Manage Jenkins » System » MLOps: endpoint, region, path style and
     * the access key from the Credentials plugin (never printed; without one, the AWS default chain of
     * the machine doing the transfer).
     *
     * @return the settings
     * @throws UserError when the endpoint is not a URL or the credential does not exist
     */
    public static S3Settings s3Settings() {
        MlopsConfiguration config = MlopsConfiguration.get();
        S3Settings settings = new S3Settings(
                Optional.ofNullable(config.getS3EndpointUrl()).map(S3Settings::endpointUri),
                Optional.ofNullable(config.getS3Region()),
                config.isS3PathStyle(),
                Optional.empty());
        if (config.getS3CredentialsId() == null) {
            return settings;
        }
        StandardUsernamePasswordCredentials key = usernamePassword(config.getS3CredentialsId(), "S3");
        return settings.withCredentials(new S3Credentials(
                key.getUsername(), Objects.requireNonNull(key.getPassword()).getPlainText(), Optional.empty()));
    }

    private static StandardUsernamePasswordCredentials usernamePassword(String id, String what) {
        StandardUsernamePasswordCredentials login = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
        if (login == null) {
            throw new UserError("the MLOps " + what + " credential '" + id + "' does not exist");
        }
        return login;
    }

    private static StoreUrl url(Key key) {
        if (key.url() == null) {
            return null;
        }
        StoreUrl url = StoreUrl.parse(key.url());
        if (key.credentialsId() == null) {
            return url;
        }
        StandardUsernamePasswordCredentials login = usernamePassword(key.credentialsId(), "store");
        return new StoreUrl(
                url.dialect(),
                url.file(),
                url.jdbcUrl(),
                login.getUsername(),
                Objects.requireNonNull(login.getPassword()).getPlainText());
    }
}
