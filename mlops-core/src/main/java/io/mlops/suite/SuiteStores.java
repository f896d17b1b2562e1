package io.mlops.suite;

import io.mlops.blob.BlobStore;
import io.mlops.blob.LocalBlobStore;
import io.mlops.blob.S3BlobStore;
import io.mlops.data.JdbcSnapshotCatalog;
import io.mlops.data.Snapshots;
import io.mlops.home.SuiteHome;
import io.mlops.labels.card.JdbcCardCatalog;
import io.mlops.labels.scan.LabeledSnapshots;
import io.mlops.monitor.AgentMetricsClient;
import io.mlops.monitor.AlertEvaluator;
import io.mlops.monitor.AlertRules;
import io.mlops.monitor.AlertStates;
import io.mlops.monitor.HealthHistory;
import io.mlops.monitor.HealthPoller;
import io.mlops.monitor.HealthPolling;
import io.mlops.monitor.HealthRetention;
import io.mlops.monitor.JdbcHealthHistory;
import io.mlops.monitor.MonitorLease;
import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryEvents;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.token.ScopedTokens;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.TrackingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The suite's stores opened from one store location and one home: the one place that wires them,
 * so that every host (each {@code mlops} command, {@code mlops server}, the Jenkins controller)
 * gets the same stores over one database, and closes them once.
 *
 * <p>Closing is reference-counted. The opener holds one reference and gives it up with
 * {@link #close()}; work that must finish on these stores (a running build, a request) takes its
 * own with {@link #retain()}. The database, its pool and the dispatcher close when the last
 * reference is given up, so a host that reopens its stores for a new configuration can close the
 * old ones at once without pulling the pool from under work still using it.
 */
public final class SuiteStores implements AutoCloseable {
    /** Connections to an S3 artifact store: concurrent uploads and downloads of a server. */
    private static final int MAX_CONNECTIONS = 32;

    private final SuiteHome home;
    private final Database database;
    private final StorageLocation artifacts;
    private final BlobStore blobs;
    private final S3Client objectStore;
    private final JdbcTrackingStore tracking;
    private final JdbcModelRegistry registry;
    private final RegistryEvents events;
    private final WebhookStore webhooks;
    private final ScopedTokens tokens;
    private final AtomicBoolean ownerReleased = new AtomicBoolean();
    private int references = 1;
    private WebhookDispatcher dispatcher;
    private HealthPoller poller;

    private SuiteStores(
            SuiteHome home, Database database, StorageLocation artifacts, BlobStore blobs, S3Client objectStore) {
        this.home = home;
        this.database = database;
        this.artifacts = artifacts;
        this.blobs = blobs;
        this.objectStore = objectStore;
        this.tracking = new JdbcTrackingStore(database);
        this.registry = new JdbcModelRegistry(database);
        this.events = new RegistryEvents(database);
        this.webhooks = new WebhookStore(database);
        this.tokens = new ScopedTokens(database);
    }

    /**
     * Opens the stores, migrating the database to the current schema.
     *
     * @param home the suite's home: the default SQLite file, the object cache, the artifacts
     * @param url the metadata store, or null for {@code sqlite:<home>/mlops.db}
     * @param artifacts where artifact bytes are kept, or null for {@code <home>/artifacts}
     * @return the open stores, holding the caller's reference
     * @throws io.mlops.error.UserError when the store cannot be opened or reached
     */
    public static SuiteStores open(SuiteHome home, StoreUrl url, Path artifacts) {
        return open(home, url, artifacts == null ? null : new StorageLocation.Directory(artifacts), null);
    }

    /**
     * Opens the stores with artifacts (run artifacts, registry model files) at a storage location: a
     * directory or an S3 bucket. An S3 location is checked first (the bucket listed once with the
     * credentials {@code s3} gives), so a wrong key, a missing bucket or an unreachable endpoint is
     * reported here, when the host starts, and not on the first upload.
     *
     * @param home the suite's home
     * @param url the metadata store, or null for {@code sqlite:<home>/mlops.db}
     * @param artifacts where artifact bytes are kept, or null for {@code <home>/artifacts}
     * @param s3 how to reach the object store when {@code artifacts} is in S3 (ignored for a directory)
     * @return the open stores, holding the caller's reference
     * @throws io.mlops.error.UserError when the store or the artifact location cannot be opened or reached
     */
    public static SuiteStores open(SuiteHome home, StoreUrl url, StorageLocation artifacts, S3Settings s3) {
        Objects.requireNonNull(home, "home");
        StoreUrl location = url == null ? defaultUrl(home) : url;
        StorageLocation where = artifacts == null ? new StorageLocation.Directory(defaultArtifacts(home)) : artifacts;
        if (where instanceof StorageLocation.Directory directory) {
            BlobStore blobs = new LocalBlobStore(directory.path());
            return new SuiteStores(home, Database.open(location, Migrations.suite()), where, blobs, null);
        }
        StorageLocation.S3 bucket = (StorageLocation.S3) where;
        S3Client client = S3Clients.open(Objects.requireNonNull(s3, "s3 settings for " + bucket), MAX_CONNECTIONS);
        try {
            S3BlobStore blobs = new S3BlobStore(client, bucket, uploads(home), S3BlobStore.DEFAULT_PART_SIZE);
            blobs.check();
            return new SuiteStores(home, Database.open(location, Migrations.suite()), where, blobs, client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Where uploads to an S3 artifact store are spooled while their hash is computed.
     *
     * @param home the suite's home
     * @return {@code <home>/uploads}
     */
    public static Path uploads(SuiteHome home) {
        return home.directory().resolve("uploads");
    }

    /**
     * The store a home uses when none is named.
     *
     * @param home the suite's home
     * @return {@code sqlite:<home>/mlops.db}
     */
    public static StoreUrl defaultUrl(SuiteHome home) {
        return StoreUrl.sqlite(home.directory().resolve("mlops.db"));
    }

    /**
     * Where artifacts go when no directory is named.
     *
     * @param home the suite's home
     * @return {@code <home>/artifacts}
     */
    public static Path defaultArtifacts(SuiteHome home) {
        return home.directory().resolve("artifacts");
    }

    /**
     * Delivers webhooks from the outbox on a background thread until these stores close; changes
     * made through {@link #registry()} wake it at once, changes by other processes are found by
     * polling. Call it in long-running hosts only; a second call returns the running dispatcher.
     *
     * @param settings retries, timeouts, lease and polling
     * @return the running dispatcher
     */
    public synchronized WebhookDispatcher startDispatcher(DeliverySettings settings) {
        requireOpen();
        if (dispatcher == null) {
            dispatcher = new WebhookDispatcher(webhooks, settings).start();
            WebhookDispatcher started = dispatcher;
            registry.listeners().add(event -> started.wake());
        }
        return dispatcher;
    }

    /**
     * Polls the agents of the running deployments for the Production view on a background thread
     * until these stores close. Only one process per store polls at a time (a lease in the store);
     * the others take over when it stops. Call it in long-running hosts only; a second call returns
     * the running poller.
     *
     * @param settings interval, read timeout and retention
     * @return the running poller
     */
    public synchronized HealthPoller startHealthPoller(HealthPolling settings) {
        requireOpen();
        if (poller == null) {
            java.time.Clock clock = java.time.Clock.systemUTC();
            String holder = ProcessHandle.current().pid() + "@" + hostName() + "/" + java.util.UUID.randomUUID();
            poller = new HealthPoller(
                            registry,
                            healthHistory(settings.retention()),
                            new MonitorLease(database, "health-poller", holder, settings.leaseTerm(), clock),
                            new AgentMetricsClient(settings.readTimeout()),
                            clock)
                    .start(settings.interval());
        }
        return poller;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * Takes a reference for work that must finish on these stores; the stores stay open until it
     * is closed, even if the opener closes them meanwhile.
     *
     * @return the reference, to close when the work ends (once; later closes do nothing)
     * @throws IllegalStateException when the stores are closed already
     */
    public synchronized Reference retain() {
        requireOpen();
        references++;
        return new Reference(this);
    }

    /** Gives up the opener's reference (once; later calls do nothing). */
    @Override
    public void close() {
        if (ownerReleased.compareAndSet(false, true)) {
            release();
        }
    }

    /**
     * Whether the database is still open.
     *
     * @return false once the last reference was given up
     */
    public synchronized boolean isOpen() {
        return references > 0;
    }

    private void release() {
        WebhookDispatcher stopping;
        HealthPoller polling;
        synchronized (this) {
            if (--references > 0) {
                return;
            }
            stopping = dispatcher;
            polling = poller;
        }
        if (polling != null) {
            polling.close();
        }
        if (stopping != null) {
            stopping.close();
        }
        database.close();
        if (objectStore != null) {
            objectStore.close();
        }
    }

    private void requireOpen() {
        if (references == 0) {
            throw new IllegalStateException("the stores of " + database.url() + " are closed");
        }
    }

    /**
     * The suite's home these stores were opened in.
     *
     * @return the home
     */
    public SuiteHome home() {
        return home;
    }

    /**
     * The metadata database, for a store not listed here.
     *
     * @return the database
     */
    public Database database() {
        return database;
    }

    /**
     * Artifact bytes, content-addressed, in a directory or an S3 bucket.
     *
     * @return the blob store
     */
    public BlobStore blobs() {
        return blobs;
    }

    /**
     * Where artifact bytes are kept, for messages.
     *
     * @return the directory or the bucket and prefix
     */
    public StorageLocation artifacts() {
        return artifacts;
    }

    /**
     * Experiments, runs and metrics.
     *
     * @return the tracking store
     */
    public TrackingStore tracking() {
        return tracking;
    }

    /**
     * The model registry; one instance, so in-process listeners hear every change made here.
     *
     * @return the registry
     */
    public ModelRegistry registry() {
        return registry;
    }

    /**
     * The stream of registry events of every host on this store, with durable consumer cursors.
     *
     * @return the event reader
     */
    public RegistryEvents events() {
        return events;
    }

    /**
     * Webhook subscriptions and their delivery log.
     *
     * @return the webhook store
     */
    public WebhookStore webhooks() {
        return webhooks;
    }

    /**
     * Build tokens, kept (hashed) in the store so they survive a restart.
     *
     * @return the tokens
     */
    public ScopedTokens tokens() {
        return tokens;
    }

    /**
     * The data snapshot catalog.
     *
     * @return snapshots in this store, with the home's object cache
     */
    public Snapshots snapshots() {
        return new Snapshots(home, new JdbcSnapshotCatalog(database));
    }

    /**
     * The data snapshot catalog with dataset cards.
     *
     * @return labeled snapshots in this store
     */
    public LabeledSnapshots labeledSnapshots() {
        return new LabeledSnapshots(snapshots(), new JdbcCardCatalog(database));
    }

    /**
     * The deployment health series of the Production view, with the default retention.
     *
     * @return the history in this store
     */
    public JdbcHealthHistory healthHistory() {
        return healthHistory(HealthRetention.DEFAULT);
    }

    /**
     * The deployment health series of the Production view.
     *
     * @param retention how much of it to keep (enforced on each append)
     * @return the history in this store
     */
    public JdbcHealthHistory healthHistory(HealthRetention retention) {
        return new JdbcHealthHistory(database, retention, java.time.Clock.systemUTC());
    }

    /**
     * The alert rules on models' deployments; a rule's model must be registered here.
     *
     * @return the rules in this store
     */
    public AlertRules alertRules() {
        return new AlertRules(database, registry::model, Clock.systemUTC());
    }

    /**
     * The state of the alerts: which fire on which endpoint, since when.
     *
     * @return the alert state in this store
     */
    public AlertStates alertStates() {
        return new AlertStates(database);
    }

    /**
     * The evaluator of the alert rules, announcing changes as registry events on this store.
     *
     * @param history the deployments' health samples
     * @param clock the time that ends each rule's window
     * @return the evaluator
     */
    public AlertEvaluator alertEvaluator(HealthHistory history, Clock clock) {
        return new AlertEvaluator(
                alertRules(), alertStates(), history, new RegistryAlertAnnouncer(registry, events), clock);
    }

    /** A reference to open stores, held by work that must finish on them. */
    public static final class Reference implements AutoCloseable {
        private final SuiteStores stores;
        private final AtomicBoolean released = new AtomicBoolean();

        private Reference(SuiteStores stores) {
            this.stores = stores;
        }

        /**
         * The stores this reference keeps open.
         *
         * @return the stores
         */
        public SuiteStores stores() {
            return stores;
        }

        /** Gives the reference up (once; later calls do nothing). */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                stores.release();
            }
        }
    }
}
