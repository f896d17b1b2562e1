package io.mlops.monitor;

import io.mlops.store.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A lease in the metadata store (table {@code monitor_lease}) that lets one process at a time do a
 * store-wide job, such as polling the agents: two servers on one PostgreSQL both try, one holds it
 * and renews it on each round, and the other takes over once it has expired (its holder stopped or
 * died). On SQLite it costs nothing and always goes to the one server.
 */
public final class MonitorLease {
    private final Database database;
    private final String name;
    private final String holder;
    private final Duration term;
    private final Clock clock;

    /**
     * Creates the lease of one job for one holder.
     *
     * @param database the metadata database
     * @param name the job, e.g. {@code health-poller}
     * @param holder who asks: unique per process
     * @param term how long a taken lease lasts without renewal
     * @param clock the clock expiry is measured on (the hosts' clocks should agree within the term)
     */
    public MonitorLease(Database database, String name, String holder, Duration term, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.name = Objects.requireNonNull(name, "name");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.term = Objects.requireNonNull(term, "term");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes or renews the lease.
     *
     * @return true when this holder holds it now, for one more term
     */
    public boolean acquire() {
        long now = clock.millis();
        long until = now + term.toMillis();
        return database.inTransaction(connection -> {
            try (PreparedStatement renew = connection.prepareStatement("UPDATE monitor_lease SET holder = ?,"
                    + " expires_at = ? WHERE name = ? AND (holder = ? OR expires_at < ?)")) {
                renew.setString(1, holder);
                renew.setLong(2, until);
                renew.setString(3, name);
                renew.setString(4, holder);
                renew.setLong(5, now);
                if (renew.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement take = connection.prepareStatement("INSERT INTO monitor_lease(name, holder,"
                    + " expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                take.setString(1, name);
                take.setString(2, holder);
                take.setLong(3, until);
                return take.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up, when this holder holds it, so another process can take it at once. */
    public void release() {
        database.inTransaction(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM monitor_lease WHERE name = ? AND holder = ?")) {
                delete.setString(1, name);
                delete.setString(2, holder);
                delete.executeUpdate();
            }
            return null;
        });
    }
}
