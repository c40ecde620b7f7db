package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.spi.DatabaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This JVM's claim on a server, and the sweeping of what ended runs left behind.
 *
 * <p>Every database the testkit creates, other than templates, carries the tag of the run that
 * created it: {@code mtk_db_<run>_<n>} for a test's database, {@code mtk_build_<run>_<hash>} for a
 * template being built. A run holds a session advisory lock on its tag for as long as it lives, so
 * the server itself says which runs are gone: a run killed with {@code kill -9} loses its session
 * and its lock with it. A later run takes each tag lock it finds free and drops that run's
 * databases, except those kept for a failed test during the last {@link #KEEP_FAILED_FOR}.
 */
final class Leftovers {

    /** The lock space of the locks that mark live runs, one per run tag. */
    static final String RUN_LOCKS = "migrate_testkit_runs";
    /** The lock space of the locks that serialise building a template, one per template hash. */
    static final String TEMPLATE_LOCKS = "migrate_testkit_templates";
    static final String CLONE_PREFIX = "mtk_db_";
    static final String BUILD_PREFIX = "mtk_build_";
    static final String TEMPLATE_PREFIX = "mtk_tpl_";
    static final String KEPT_COMMENT = "migrate-testkit kept ";
    static final Duration KEEP_FAILED_FOR = Duration.ofHours(24);

    private static final Pattern TAGGED = Pattern.compile("mtk_(?:db|build)_([0-9a-f]{8})_[0-9a-z]+");
    private static final Pattern KEPT = Pattern.compile(Pattern.quote(KEPT_COMMENT) + "(\\d+)\\b.*", Pattern.DOTALL);
    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresServer server;
    private final Connection owner;
    private final String tag;
    private final AtomicLong sequence = new AtomicLong();

    private Leftovers(PostgresServer server, Connection owner, int run) {
        this.server = server;
        this.owner = owner;
        this.tag = tag(run);
    }

    /** Takes a free run tag on {@code server} and holds it until {@link #release()} or the JVM ends. */
    static Leftovers claim(PostgresServer server) {
        Connection owner = null;
        try {
            owner = server.connect(server.adminDatabase());
            for (int attempt = 0; attempt < 100; attempt++) {
                int run = RANDOM.nextInt();
                if (PostgresServer.tryLock(owner, RUN_LOCKS, tag(run)) != null) {
                    return new Leftovers(server, owner, run);
                }
            }
            throw new SQLException("no free run tag after 100 attempts");
        } catch (SQLException e) {
            if (owner != null) {
                PostgresServer.closeQuietly(owner);
            }
            throw new MigrationException(ErrorCode.DATABASE_ERROR, "Cannot register this test run on " + server + ": "
                    + e.getMessage(), e);
        }
    }

    static String tag(int run) {
        return HexFormat.of().toHexDigits(run);
    }

    /** A new, unused name for a test's database. */
    String nextCloneName() {
        return CLONE_PREFIX + tag + "_" + sequence.incrementAndGet();
    }

    /** The name under which this run builds a template before renaming it. */
    String buildName(String hash) {
        return BUILD_PREFIX + tag + "_" + hash.substring(0, 12);
    }

    String tag() {
        return tag;
    }

    /**
     * Drops the databases of runs that ended without cleaning up; keeps those of live runs and
     * recently kept failures.
     *
     * @return the names dropped
     */
    List<String> sweep() {
        List<String> dropped = new ArrayList<>();
        try {
            Map<String, List<String>> byRun = new LinkedHashMap<>();
            Map<String, String> comments = new LinkedHashMap<>();
            synchronized (owner) {
                try (Statement st = owner.createStatement();
                     ResultSet rs = st.executeQuery("SELECT datname, shobj_description(oid, 'pg_database')"
                             + " FROM pg_database WHERE datname LIKE 'mtk\\_%' ORDER BY datname")) {
                    while (rs.next()) {
                        Matcher m = TAGGED.matcher(rs.getString(1));
                        if (m.matches() && !m.group(1).equals(tag)) {
                            byRun.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(rs.getString(1));
                            if (rs.getString(2) != null) {
                                comments.put(rs.getString(1), rs.getString(2));
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, List<String>> entry : byRun.entrySet()) {
                DatabaseLock ended;
                synchronized (owner) {
                    ended = PostgresServer.tryLock(owner, RUN_LOCKS, entry.getKey());
                }
                if (ended == null) {
                    continue;
                }
                try {
                    for (String name : entry.getValue()) {
                        if (recentlyKept(comments.get(name))) {
                            continue;
                        }
                        server.dropDatabase(name);
                        dropped.add(name);
                    }
                } finally {
                    synchronized (owner) {
                        ended.close();
                    }
                }
            }
        } catch (SQLException | MigrationException e) {
            log.warn("Could not sweep the databases of ended test runs on {}: {}", server, e.getMessage());
        }
        if (!dropped.isEmpty()) {
            log.info("Dropped {} test {} left by ended runs: {}", dropped.size(),
                    dropped.size() == 1 ? "database" : "databases", String.join(", ", dropped));
        }
        return dropped;
    }

    private static boolean recentlyKept(String comment) {
        if (comment == null) {
            return false;
        }
        Matcher m = KEPT.matcher(comment);
        return m.matches() && Instant.ofEpochSecond(Long.parseLong(m.group(1))).isAfter(Instant.now().minus(KEEP_FAILED_FOR));
    }

    /** Marks a database as kept for a failed test, so that sweeping leaves it for {@link #KEEP_FAILED_FOR}. */
    void markKept(String database, String label) {
        String comment = KEPT_COMMENT + Instant.now().getEpochSecond() + " " + label;
        server.execute("COMMENT ON DATABASE " + PostgresServer.quote(database) + " IS '" + comment.replace("'", "''") + "'");
    }

    /** Gives up the run tag: the databases left under it become sweepable. */
    void release() {
        synchronized (owner) {
            PostgresServer.closeQuietly(owner);
        }
    }
}
