package io.migrate.internal.shadow;

import io.migrate.api.ErrorCode;
import io.migrate.api.LockTimeoutException;
import io.migrate.api.MigrationException;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.Dialect;
import io.migrate.spi.SchemaSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Temporary shadow databases on the server of the configured data source. What a build produces is
 * kept as a template named after the hash of its input ({@code migrate_shdw_tpl_<hash>}), made
 * under a run-tagged name and renamed when complete, so that no one clones a half-built one; each use
 * gets a clone ({@code migrate_shdw_<run>_<n>}), dropped afterwards. A run holds a session advisory
 * lock on its tag while it lives: the databases of a run whose lock is free were left by a crash, and
 * are dropped by the next run. Only the {@value #TEMPLATES_KEPT} newest templates are kept.
 */
final class TemporaryShadows {

    static final String PREFIX = "migrate_shdw_";
    static final String TEMPLATE_PREFIX = PREFIX + "tpl_";
    /** How many templates are kept: the newest, since old migration sets are rarely replayed again. */
    static final int TEMPLATES_KEPT = 10;
    /** How many times a template that other runs keep dropping is built again before giving up. */
    private static final int CLONE_ATTEMPTS = 3;
    /** The "schema" of the run-tag locks, keeping them apart from the history tables' locks. */
    private static final String LOCK_SPACE = "migrate_shadow";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How many hex digits of a run tag name the database whose connection holds the run's lock. */
    private static final int HOME_DIGITS = 4;
    private static final Logger log = LoggerFactory.getLogger(TemporaryShadows.class);

    private final DataSource server;
    private final Dialect dialect;
    private final SchemaSupport support;

    TemporaryShadows(DataSource server, Dialect dialect, SchemaSupport support) {
        this.server = server;
        this.dialect = dialect;
        this.support = support;
    }

    /** A clone of the template for {@code hash}, built first with {@code build} if there is none. */
    Shadow open(String hash, Shadow.Build build) {
        Connection admin = connect();
        DatabaseLock runLock = null;
        String tag = home(admin) + HexFormat.of().toHexDigits(RANDOM.nextInt());
        String clone = PREFIX + tag + "_1";
        try {
            runLock = dialect.lock(admin, LOCK_SPACE, tag, Duration.ofSeconds(30));
            sweep(admin, tag);
            String template = TEMPLATE_PREFIX + hash.substring(0, Math.min(hash.length(), 32));
            for (int attempt = 1; ; attempt++) {
                if (support.databases(admin, template).contains(template)) {
                    log.debug("Reusing the shadow template {}", template);
                } else {
                    buildTemplate(admin, tag, template, build);
                }
                try {
                    create(admin, clone, template);
                    break;
                } catch (SQLException e) {
                    // Another run that has just built a template of its own may have dropped this one, as one
                    // of the old templates it does not keep, between the check above and the clone.
                    if (attempt == CLONE_ATTEMPTS || support.databases(admin, template).contains(template)) {
                        throw e;
                    }
                    log.debug("The shadow template {} was dropped before it could be cloned; building it again", template);
                }
            }
            DataSource dataSource = dataSourceFor(admin, clone);
            DatabaseLock held = runLock;
            return new Shadow() {
                @Override
                public DataSource dataSource() {
                    return dataSource;
                }

                @Override
                public void close() {
                    release(admin, held, clone, null);
                }
            };
        } catch (SQLException e) {
            MigrationException failure = failed(dialect, "preparing a shadow database", e);
            release(admin, runLock, clone, failure);
            throw failure;
        } catch (RuntimeException e) {
            release(admin, runLock, clone, e);
            throw e;
        }
    }

    private void buildTemplate(Connection admin, String tag, String template, Shadow.Build build) throws SQLException {
        String building = PREFIX + tag + "_build";
        create(admin, building, null);
        try {
            build.into(dataSourceFor(admin, building));
        } catch (RuntimeException e) {
            quietly(e, () -> support.dropDatabase(admin, building));
            throw e;
        }
        try {
            support.renameDatabase(admin, building, template);
            log.info("Built the shadow template {}", template);
            List<String> templates = support.databases(admin, TEMPLATE_PREFIX);
            for (String old : templates.subList(0, Math.max(0, templates.size() - TEMPLATES_KEPT))) {
                if (!old.equals(template)) {
                    log.debug("Dropping the old shadow template {}", old);
                    quietly(null, () -> support.dropDatabase(admin, old));
                }
            }
        } catch (SQLException e) {
            // another run finished the same template first: theirs is as good as ours
            support.dropDatabase(admin, building);
            if (!support.databases(admin, template).contains(template)) {
                throw e;
            }
        }
    }

    private void create(Connection admin, String name, String template) throws SQLException {
        try {
            support.createDatabase(admin, name, template);
        } catch (SQLException e) {
            if (support.isMissingPrivilege(e)) {
                String user = admin.getMetaData().getUserName();
                throw new MigrationException(ErrorCode.SHADOW_DATABASE_FAILED, "Cannot create a temporary shadow database:"
                        + " the user " + user + " lacks the CREATEDB privilege (" + describe(dialect, e) + "). Grant it"
                        + " (ALTER ROLE " + dialect.quote(user) + " CREATEDB), or name a database the migrator may empty"
                        + " and use with shadowDatabase(dataSource)", e);
            }
            throw e;
        }
    }

    private DataSource dataSourceFor(Connection admin, String database) throws SQLException {
        DataSource dataSource = support.dataSource(server, admin, database);
        try (Connection probe = dataSource.getConnection()) {
            return dataSource;
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.SHADOW_DATABASE_FAILED, "Cannot connect to the temporary shadow database "
                    + database + " (" + describe(dialect, e) + "). The data source does not show how to open another database"
                    + " with its credentials; name a shadow database with shadowDatabase(dataSource)", e);
        }
    }

    /** Drops the databases of runs that ended without dropping them: their tag lock is free. */
    private void sweep(Connection admin, String ownTag) throws SQLException {
        List<String> names = support.databases(admin, PREFIX);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.startsWith(TEMPLATE_PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int end = rest.indexOf('_');
            String tag = end < 0 ? rest : rest.substring(0, end);
            if (tag.equals(ownTag) || !seen.add(tag)) {
                continue;
            }
            if (!tag.startsWith(ownTag.substring(0, HOME_DIGITS))) {
                // its run lock lives in another database, where this connection cannot see it
                log.debug("Shadow databases of run {} belong to runs from another database", tag);
                continue;
            }
            try (DatabaseLock ignored = dialect.lock(admin, LOCK_SPACE, tag, Duration.ofMillis(1))) {
                for (String leftover : names) {
                    if (leftover.startsWith(PREFIX + tag + "_")) {
                        log.info("Dropping {}, left by a run that ended without cleaning up", leftover);
                        // another user's leftover may not be ours to drop: that must not stop this run
                        quietly(null, () -> support.dropDatabase(admin, leftover));
                    }
                }
            } catch (LockTimeoutException alive) {
                log.debug("Shadow databases of run {} are in use", tag);
            }
        }
    }

    /**
     * A run tag starts with digits of the database its lock is taken in: advisory locks are seen only
     * from the database that holds them, so a run sweeps only what runs from its own database left.
     */
    private static String home(Connection admin) {
        String database;
        try {
            database = admin.getCatalog();
        } catch (SQLException e) {
            database = null; // then the tag names no database; its leftovers are swept by runs that cannot tell either
        }
        return HexFormat.of().toHexDigits((short) Objects.hashCode(database));
    }

    private Connection connect() {
        try {
            return server.getConnection();
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database (" + describe(dialect, e)
                    + "). Check that it is running and that the data source's URL and credentials are right", e);
        }
    }

    private void release(Connection admin, DatabaseLock lock, String clone, Throwable primary) {
        quietly(primary, () -> support.dropDatabase(admin, clone));
        if (lock != null) {
            quietly(primary, lock::close);
        }
        quietly(primary, admin::close);
    }

    /** The server's words, with the dialect's secret forms masked (the standard forms before a dialect is known). */
    static String describe(Dialect dialect, SQLException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        return "SQLSTATE " + e.getSQLState() + ": " + (dialect == null ? Dialect.maskPasswordLiterals(text) : dialect.maskSecrets(text));
    }

    /** A statement for a message: secrets masked, on one line, at most 200 characters. */
    static String statement(Dialect dialect, String sql) {
        String oneLine = dialect.maskSecrets(sql).strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 199) + "\u2026";
    }

    static MigrationException failed(Dialect dialect, String doing, SQLException e) {
        return new MigrationException(ErrorCode.SHADOW_DATABASE_FAILED, "The database refused " + doing + " ("
                + describe(dialect, e) + "). Check that the user may create databases, or name one with shadowDatabase(dataSource)", e);
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    static void quietly(Throwable primary, SqlAction action) {
        try {
            action.run();
        } catch (SQLException | RuntimeException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                log.warn("Cleaning up a shadow database failed: {}", e.getMessage());
            }
        }
    }
}
