package io.migrate.bench;

import io.migrate.Migrator;
import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.SqlStatement;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the time of applying the corpus goes, on the server {@link Target} names: this library's deploy with every execution it sends
 * timed by kind (the migrations' own statements, the history row with the commit, the session reset
 * between migrations, the rest of the set-up), beside the raw JDBC floor with each commit waiting
 * for its WAL flush and with every commit but the last deferred, as the deploy commits. Each round
 * gets fresh databases; the rounds' figures are printed one after the other.
 *
 * <pre>
 * MIGRATE_BENCH_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres mvn -q -pl migrate-bench exec:exec \
 *     -Dbench.main=io.migrate.bench.ApplyPhases -Dbench.jvmArgs='-Dbench.count=1000 -Dbench.rounds=3'
 * </pre>
 */
public final class ApplyPhases {

    private static final String STATEMENTS = "the migrations' statements";
    private static final String HISTORY = "history row + COMMIT (one execution)";
    private static final String RESET = "session reset between migrations";
    private static final String OTHER = "set-up: schema, lock, history read, session capture";

    private final Set<String> corpusStatements = new HashSet<>();
    private final Map<String, long[]> spent = new LinkedHashMap<>();

    private ApplyPhases() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.count", 1000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        List<Corpus.Migration> corpus = Corpus.generate(count);
        Path root = Files.createTempDirectory("apply-phases");
        Layout layout = Layout.write(root, corpus);
        PostgresDialect dialect = new PostgresDialect();
        List<List<String>> split = new ArrayList<>();
        ApplyPhases phases = new ApplyPhases();
        for (Corpus.Migration m : corpus) {
            List<String> statements = dialect.split(m.sql()).stream().map(SqlStatement::sql).toList();
            split.add(statements);
            phases.corpusStatements.addAll(statements);
        }
        System.out.printf(Locale.ROOT, "Applying %,d migrations (%,d statements), %d rounds%n", count,
                split.stream().mapToInt(List::size).sum(), rounds);
        try (Target target = Target.connect()) {
            for (int round = 1; round <= rounds; round++) {
                phases.round(target, round, layout, split);
            }
        }
    }

    private void round(Target target, int round, Layout layout, List<List<String>> split) throws Exception {
        spent.clear();
        long migrate = timed(target, db -> Migrator.configure(timing(db)).locations("filesystem:" + layout.prisma()).deploy());
        long durable = timed(target, db -> raw(db, split, false));
        long deferred = timed(target, db -> raw(db, split, true));
        System.out.printf(Locale.ROOT, "%nRound %d%n| part | ms | executions |%n|---|--:|--:|%n", round);
        System.out.printf(Locale.ROOT, "| migrate: deploy | %,.0f | |%n", migrate / 1e6);
        long accounted = 0;
        for (Map.Entry<String, long[]> e : spent.entrySet()) {
            accounted += e.getValue()[0];
            System.out.printf(Locale.ROOT, "| … %s | %,.0f | %,d |%n", e.getKey(), e.getValue()[0] / 1e6, e.getValue()[1]);
        }
        System.out.printf(Locale.ROOT, "| … in the JVM between executions (reading, splitting, connecting, logging) | %,.0f | |%n",
                (migrate - accounted) / 1e6);
        System.out.printf(Locale.ROOT, "| raw JDBC, every commit waits for its flush | %,.0f | |%n", durable / 1e6);
        System.out.printf(Locale.ROOT, "| raw JDBC, every commit but the last deferred | %,.0f | |%n", deferred / 1e6);
    }

    @FunctionalInterface
    private interface Work {
        void run(DataSource database) throws Exception;
    }

    /** Runs {@code work} on a new database (connected to once before the clock starts) and drops it. */
    private static long timed(Target target, Work work) throws Exception {
        String name = target.create();
        try {
            long start = System.nanoTime();
            work.run(target.dataSource(name));
            return System.nanoTime() - start;
        } finally {
            target.drop(name);
        }
    }

    /** The floor: the statements on one connection, one transaction and one commit per migration. */
    private static void raw(DataSource database, List<List<String>> migrations, boolean deferred) throws SQLException {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < migrations.size(); i++) {
                if (deferred && i < migrations.size() - 1) {
                    st.execute("SET LOCAL synchronous_commit = off");
                }
                for (String sql : migrations.get(i)) {
                    st.execute(sql);
                }
                c.commit();
            }
        }
    }

    private String kind(String sql) {
        if (sql == null) {
            return OTHER;
        }
        if (corpusStatements.contains(sql)) {
            return STATEMENTS;
        }
        if (sql.startsWith("RESET ALL")) {
            return RESET;
        }
        if (sql.contains("INSERT INTO") && sql.endsWith("COMMIT")) {
            return HISTORY;
        }
        return OTHER;
    }

    private void add(String kind, long nanos) {
        long[] sum = spent.computeIfAbsent(kind, k -> new long[2]);
        sum[0] += nanos;
        sum[1]++;
    }

    /** The data source with every statement execution on its connections timed by {@link #kind}. */
    private DataSource timing(DataSource database) {
        return proxy(DataSource.class, database, null);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target, String prepared) {
        return (T) Proxy.newProxyInstance(ApplyPhases.class.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
            long start = System.nanoTime();
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            String name = method.getName();
            if (result instanceof Connection c) {
                return proxy(Connection.class, c, null);
            }
            if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
                return proxy(PreparedStatement.class, ps, (String) args[0]);
            }
            if (result instanceof Statement st && name.equals("createStatement")) {
                return proxy(Statement.class, st, null);
            }
            if (name.startsWith("execute")) {
                add(kind(args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared),
                        System.nanoTime() - start);
            }
            return result;
        });
    }
}
