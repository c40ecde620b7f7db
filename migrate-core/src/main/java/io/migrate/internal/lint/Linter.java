package io.migrate.internal.lint;

import io.migrate.api.DeployPlan;
import io.migrate.api.ErrorCode;
import io.migrate.api.LintFinding;
import io.migrate.api.LintReport;
import io.migrate.api.MigrationException;
import io.migrate.api.PlannedMigration;
import io.migrate.internal.engine.Dialects;
import io.migrate.internal.engine.Inspector;
import io.migrate.internal.engine.Placeholders;
import io.migrate.internal.engine.Script;
import io.migrate.internal.engine.Settings;
import io.migrate.internal.shadow.SchemaSources;
import io.migrate.internal.shadow.ShadowSettings;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.MigrationReader;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.SchemaSource;
import io.migrate.spi.Dialect;
import io.migrate.spi.LintSupport;
import io.migrate.spi.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Lints migrations: runs them statement by statement on a shadow database that holds the target's
 * schema (or, for {@code lintSince}/{@code lintLatest}, what the earlier migrations create), each
 * statement in a transaction of its own, and compares the catalog before and after it.
 */
public final class Linter {

    private static final Logger log = LoggerFactory.getLogger(Linter.class);

    private final Settings settings;
    private final ShadowSettings shadow;
    private final LintSelection selection;

    public Linter(Settings settings, ShadowSettings shadow, LintSelection selection) {
        this.settings = settings;
        this.shadow = shadow;
        this.selection = selection;
    }

    /** Whether the dialect of the configured database can lint; plan() lints only then. */
    public boolean supported() {
        Dialect dialect = dialect();
        return dialect.lintSupport().isPresent() && dialect.schemaSupport().isPresent();
    }

    public LintReport lint() {
        Dialect dialect = dialect();
        LintSupport support = dialect.lintSupport().filter(s -> dialect.schemaSupport().isPresent()).orElseThrow(() ->
                new MigrationException(ErrorCode.LINT_UNSUPPORTED, "The " + dialect.name() + " dialect ("
                        + dialect.getClass().getName() + ") cannot measure statements on a shadow database, so lint is not"
                        + " available for this database; deploy and plan work without it. Use a dialect that implements"
                        + " LintSupport and SchemaSupport"));
        List<Migration> all = MigrationReader.read(settings.locations(), settings.classLoader(), settings.javaMigrations())
                .migrations();
        List<Migration> linted;
        String base;
        SchemaSources sources = new SchemaSources(settings, shadow);
        if (selection.since().isPresent() || selection.latest().isPresent()) {
            int first = selection.since().map(name -> indexOf(all, name) + 1)
                    .orElseGet(() -> Math.max(0, all.size() - selection.latest().getAsInt()));
            linted = all.subList(first, all.size());
            base = first == 0 ? null : all.get(first - 1).name();
        } else {
            Set<String> pending = Set.copyOf(new Inspector(settings).plan().pending().stream().map(PlannedMigration::name).toList());
            linted = all.stream().filter(m -> pending.contains(m.name())).toList();
            base = null;
        }
        linted = linted.stream().filter(m -> m.code() == null).toList();
        List<String> names = linted.stream().map(Migration::name).toList();
        if (linted.isEmpty()) {
            return new LintReport(names, List.of(), false);
        }
        long start = System.nanoTime();
        List<Migration> toLint = linted;
        List<LintFinding> findings = selection.since().isPresent() || selection.latest().isPresent()
                ? sources.onReplayedShadow(base, database -> run(database, dialect, support, toLint))
                : sources.onShadowHolding(sources.snapshot(SchemaSource.database()), database -> run(database, dialect, support, toLint));
        log.debug("Linted {} {} in {} ms: {} findings", names.size(), names.size() == 1 ? "migration" : "migrations",
                (System.nanoTime() - start) / 1_000_000, findings.size());
        return new LintReport(names, findings, sized);
    }

    /**
     * Lints a migration not yet written, as if it were the one pending migration: on a shadow holding
     * {@code schema} (what the migrations before it create), with the configured database's table sizes.
     * Empty when the dialect cannot lint.
     */
    public java.util.Optional<LintReport> lintNew(Migration migration, SchemaSnapshot schema) {
        if (!supported()) {
            return java.util.Optional.empty();
        }
        Dialect dialect = dialect();
        LintSupport support = dialect.lintSupport().orElseThrow();
        List<LintFinding> findings = new SchemaSources(settings, shadow).onShadowHolding(schema,
                database -> run(database, dialect, support, List.of(migration)));
        return java.util.Optional.of(new LintReport(List.of(migration.name()), findings, sized));
    }

    /**
     * The plan with the lint report of its pending migrations, when the dialect can lint; without one,
     * and a warning logged, when lint fails (no shadow database, a migration failing on it): a plan is
     * still worth having then.
     */
    public DeployPlan addTo(DeployPlan plan) {
        if (plan.pending().isEmpty() || !supported()) {
            return plan;
        }
        try {
            return new DeployPlan(plan.pending(), plan.alreadyApplied(), lint());
        } catch (MigrationException e) {
            log.warn("The plan carries no lint report: {}", e.getMessage());
            return plan;
        }
    }

    /** For lintOnDeploy: lints the pending migrations and throws {@link ErrorCode#LINT_FAILED} when lint finds an error. */
    public void requireNoErrors() {
        LintReport report = lint();
        if (!report.hasErrors()) {
            return;
        }
        StringBuilder text = new StringBuilder("Deploy refused: lint found ").append(report.errors().size())
                .append(report.errors().size() == 1 ? " error" : " errors").append(" in the pending migrations:");
        for (LintFinding f : report.errors()) {
            text.append("\n  ").append(f.rule()).append(' ').append(f.migration()).append(':').append(f.line())
                    .append(' ').append(f.message()).append("\n    Instead: ").append(f.alternative());
        }
        text.append("\nChange the migrations as suggested, or silence a finding you accept with"
                + " '-- migrate:lint-ignore <rule> <reason>' above its statement; lintOnDeploy(false) turns the check off");
        throw new MigrationException(ErrorCode.LINT_FAILED, text.toString());
    }

    private boolean sized;

    private List<LintFinding> run(DataSource database, Dialect dialect, LintSupport support, List<Migration> migrations) {
        try (Connection c = database.getConnection()) {
            dialect.prepareSession(c, settings.schema());
            String schema = settings.schema() != null ? settings.schema() : dialect.currentSchema(c);
            LintSupport.Catalog baseline = support.catalog(c);
            Map<String, LintSupport.Size> sizes = sizes(support, baseline);
            sized = !sizes.isEmpty();
            Scope scope = new Scope(schema, baseline, sizes);
            int major = c.getMetaData().getDatabaseMajorVersion();
            List<LintFinding> findings = new ArrayList<>();
            for (Migration migration : migrations) {
                boolean transactional = Script.runsInOneTransaction(migration, dialect, settings.placeholders());
                findings.addAll(new MigrationLint(migration, dialect, support, scope, major, settings.lockWaitTimeout() != null,
                        transactional, settings.schema() != null).run(c, statements(migration, dialect)));
            }
            findings.sort(Comparator.comparing(LintFinding::migration).thenComparingInt(LintFinding::line));
            return findings;
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.SHADOW_DATABASE_FAILED, "Lint could not read the shadow database's"
                    + " catalog (SQLSTATE " + e.getSQLState() + ": " + dialect.maskSecrets(String.valueOf(e.getMessage()))
                    + "). Check that the"
                    + " user may read the system catalogs", e);
        }
    }

    /** The target's sizes of the tables that existed before; none when the target cannot be read. */
    private Map<String, LintSupport.Size> sizes(LintSupport support, LintSupport.Catalog baseline) {
        List<String> tables = baseline.relations().values().stream().filter(r -> r.kind() == LintSupport.Kind.TABLE
                || r.kind() == LintSupport.Kind.MATERIALIZED_VIEW).map(LintSupport.Relation::name).toList();
        try (Connection target = settings.dataSource().getConnection()) {
            target.setReadOnly(true);
            return support.sizes(target, tables);
        } catch (SQLException e) {
            log.warn("Lint reports no table sizes: the target database could not be read (SQLSTATE {})", e.getSQLState());
            return Map.of();
        }
    }

    private List<SqlStatement> statements(Migration migration, Dialect dialect) {
        return dialect.split(Placeholders.replace(migration.script(), settings.placeholders(), migration.source()));
    }

    private static int indexOf(List<Migration> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new MigrationException(ErrorCode.MIGRATION_NOT_FOUND, "lintSince names " + name + ", which is not among the "
                + all.size() + " migrations found. Check the name: it is the folder's full name, timestamp included");
    }

    private Dialect dialect;

    private Dialect dialect() {
        if (dialect == null) {
            try (Connection c = settings.dataSource().getConnection()) {
                dialect = Dialects.resolve(settings.dialect(), settings.classLoader(), c.getMetaData());
            } catch (SQLException e) {
                throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database (SQLSTATE "
                        + e.getSQLState() + ": " + Dialect.maskPasswordLiterals(String.valueOf(e.getMessage()))
                        + "). Check that it is running and that"
                        + " the data source's URL and credentials are right", e);
            }
        }
        return dialect;
    }

    static boolean setsLockTimeout(Sql sql) {
        Matcher m = sql.match("^set (?:local |session )?lock_timeout ?(?:=|to) ?'?([^']*)'?$");
        return m != null && !m.group(1).strip().matches("0+|0+ ?(ms|s|min)|default");
    }
}
