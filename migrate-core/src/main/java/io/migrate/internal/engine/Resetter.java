package io.migrate.internal.engine;

import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;
import io.migrate.internal.source.MigrationReader;
import io.migrate.spi.ScriptSyntaxException;
import io.migrate.spi.SessionSettings;
import io.migrate.spi.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Development helpers: reset a schema to the migrations, and load seed data. */
public final class Resetter {

    private static final Logger log = LoggerFactory.getLogger(Resetter.class);

    private final Settings settings;
    private final Operation operation;

    public Resetter(Settings settings) {
        this.settings = settings;
        this.operation = new Operation(settings);
    }

    public DeployResult reset() {
        if (!settings.allowReset()) {
            throw new MigrationException(ErrorCode.RESET_NOT_ALLOWED, "reset() drops every object in the schema,"
                    + " data included, and is meant for development databases only. It runs only when the builder"
                    + " says allowReset(true); set that where a wrong data source cannot reach production");
        }
        long start = System.nanoTime();
        MigrationReader.Contents contents = operation.read();
        MigrationReader.Seed seed = seed(contents, false);
        return operation.changing(contents, db -> "resetting schema " + db.schema, db -> {
            log.info("Resetting: dropping every object in schema {}", db.schema);
            db.dialect.dropAll(db.connection, db.schema);
            DeployResult result = new Deployer(settings).deployLocked(db, contents, start);
            if (seed != null) {
                runSeed(db, seed);
            }
            return new DeployResult(result.applied(), 0, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    public void seed() {
        MigrationReader.Contents contents = operation.read();
        MigrationReader.Seed seed = seed(contents, true);
        operation.changing(contents, db -> "seeding", db -> {
            runSeed(db, seed);
            return null;
        });
    }

    private MigrationReader.Seed seed(MigrationReader.Contents contents, boolean required) {
        if (settings.javaSeed() != null) {
            return new MigrationReader.Seed("java:" + settings.javaSeed().getClass().getName(), null);
        }
        if (settings.seed() != null) {
            return MigrationReader.readSeed(settings.seed(), settings.classLoader());
        }
        if (contents.seed().isEmpty() && required) {
            throw new MigrationException(ErrorCode.LOCATION_NOT_FOUND, "No seed to run: there is no seed.sql in "
                    + settings.locations().get(0) + ", no seedLocation(...) and no javaSeed(...) is configured");
        }
        return contents.seed().orElse(null);
    }

    /** The whole seed in one transaction: it applies completely or not at all. */
    private void runSeed(Database db, MigrationReader.Seed seed) throws SQLException {
        List<SqlStatement> statements = seed.script() == null ? List.of() : split(db, seed);
        long start = System.nanoTime();
        SessionSettings session = db.dialect.prepareSession(db.connection, settings.schema() != null ? db.schema : null);
        SqlStatement[] current = {null};
        int executed;
        try {
            executed = db.inTransaction(() -> {
                int count = 0;
                if (settings.javaSeed() != null) {
                    try {
                        settings.javaSeed().seed(db.connection);
                    } catch (SQLException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new JavaError(e);
                    }
                }
                for (SqlStatement statement : statements) {
                    if (statement.kind() == SqlStatement.Kind.BEGIN || statement.kind() == SqlStatement.Kind.COMMIT) {
                        continue;
                    }
                    current[0] = statement;
                    db.dialect.execute(db.connection, statement);
                    count++;
                }
                current[0] = null;
                return count;
            });
        } catch (SQLException | RuntimeException e) {
            MigrationException failure = failure(db, seed, current[0], e instanceof JavaError j ? (Exception) j.getCause() : e);
            Failures.quietly(failure, session::close);
            throw failure;
        }
        session.close();
        log.info("Seeded from {} ({} statements, {} ms)", seed.source(), executed, (System.nanoTime() - start) / 1_000_000);
    }

    /** The seed's transaction was rolled back; the message says where it failed. */
    private MigrationException failure(Database db, MigrationReader.Seed seed, SqlStatement current, Exception e) {
        SQLException sql = e instanceof SQLException s ? s : null;
        String where = current != null ? " at line " + current.line() + "\n  Statement: " + db.failures.statement(current.sql())
                : settings.javaSeed() != null ? "" : " while committing";
        if (sql != null && db.failures.connectionLost(sql)) {
            return db.failures.bookkeeping("seeding from " + seed.source(), sql);
        }
        return new MigrationException(ErrorCode.SEED_FAILED, "Seed " + seed.source() + " failed" + where
                + "\n  " + (sql != null ? db.failures.describe(sql) : e.toString()) + "\nIt ran in one transaction and"
                + " was rolled back: no seed data was written. Fix the seed and run it again", e);
    }

    private List<SqlStatement> split(Database db, MigrationReader.Seed seed) {
        try {
            return db.dialect.split(Placeholders.replace(seed.script(), settings.placeholders(), seed.source()));
        } catch (ScriptSyntaxException e) {
            throw new InvalidMigrationException(ErrorCode.SCRIPT_SYNTAX, seed.source(), e.line(),
                    "Seed " + seed.source() + " cannot be read at line " + e.line() + ": " + e.problem(), e);
        }
    }
}
