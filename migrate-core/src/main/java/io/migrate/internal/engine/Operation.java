package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.StatusReport;
import io.migrate.internal.source.Migration;
import io.migrate.internal.source.MigrationNames;
import io.migrate.internal.source.MigrationReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one path every operation takes: read the locations (nothing is sent to the database before
 * they are all read and checked; deploy reads them while it connects), open the database, take the
 * migration lock when the operation changes anything, run, release, close.
 */
final class Operation {

    private static final Logger log = LoggerFactory.getLogger(Operation.class);
    private final Settings settings;

    Operation(Settings settings) {
        this.settings = settings;
    }

    /** Work done on the open database. */
    @FunctionalInterface
    interface Step<T> {
        T run(Database db) throws SQLException;
    }

    /**
     * Reads the locations, and checks that a configured target is one of the migrations found. Names
     * that sort where their author probably did not mean them to are warned about, once per run.
     */
    MigrationReader.Contents read() {
        MigrationReader.Contents contents = MigrationReader.read(settings.locations(), settings.classLoader(),
                settings.javaMigrations());
        if (settings.target() != null) {
            find(contents, settings.target(), "target");
        }
        for (StatusReport.Warning warning : warnings(contents)) {
            log.warn(warning.message());
        }
        return contents;
    }

    /** What is allowed in the migrations' names but probably not meant. */
    static List<StatusReport.Warning> warnings(MigrationReader.Contents contents) {
        return MigrationNames.unordered(contents.migrations().stream().map(Migration::name).toList());
    }

    /** The migration called {@code name}; {@code role} says what the name was given as, for the message. */
    Migration find(MigrationReader.Contents contents, String name, String role) {
        return contents.migrations().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new MigrationException(ErrorCode.MIGRATION_NOT_FOUND, "The " + role + " " + name + " is not among the "
                        + contents.migrations().size() + " migrations in " + String.join(", ", locations(contents))
                        + ". Check the name: it is the folder's full name, timestamp included"));
    }

    private static List<String> locations(MigrationReader.Contents contents) {
        return contents.migrations().stream().map(Migration::source).map(s -> s.replaceAll("/[^/]+/migration\\.sql$", ""))
                .distinct().toList();
    }

    /** Opens the database and runs {@code work} without the lock; it must not write. The database is named at DEBUG. */
    <T> T reading(MigrationReader.Contents contents, Step<T> work) {
        try (Database db = Database.open(settings, contents)) {
            try {
                return work.run(db);
            } catch (SQLException e) {
                throw db.failures.bookkeeping("reading the history table", e);
            }
        }
    }

    /** Opens the database and runs {@code work} holding the migration lock; {@code doing} names it for messages. */
    <T> T changing(MigrationReader.Contents contents, Function<Database, String> doing, Step<T> work) {
        return changing(contents, doing, db -> Optional.empty(), work);
    }

    /**
     * As {@link #changing(MigrationReader.Contents, Function, Step)}, but first asks {@code withoutLock}
     * whether the answer is already clear from a read that needs no lock; only when it is empty is
     * the lock taken.
     */
    <T> T changing(MigrationReader.Contents contents, Function<Database, String> doing, Step<Optional<T>> withoutLock,
                   Step<T> work) {
        return changing(Database.open(settings, contents), doing, withoutLock, work);
    }

    /** Work done on the open database with the contents of the locations. */
    @FunctionalInterface
    interface ReadStep<T> {
        T run(Database db, MigrationReader.Contents contents) throws SQLException;
    }

    /**
     * As {@link #changing(MigrationReader.Contents, Function, Step, Step)}, but the locations are read
     * by {@code reading} on a thread of its own while this one connects: on a first call in a JVM,
     * loading the driver and the server's start of a session take about as long as reading and
     * hashing a thousand files, and a second core can do one while the first does the other. The
     * connection is made on the calling thread, since a data source may choose its database by what
     * that thread holds (a tenant, a transaction). Nothing is sent on it before the files are all
     * read and checked: when they are not, it is closed and their problem is what is thrown, as it
     * would be alone; a failure to connect is thrown only when the files are fine.
     */
    <T> T changing(Supplier<MigrationReader.Contents> reading, Function<Database, String> doing,
                   ReadStep<Optional<T>> withoutLock, ReadStep<T> work) {
        Background<MigrationReader.Contents> read = Background.start("migrate-read", reading);
        Connection connection;
        try {
            connection = Database.connect(settings);
        } catch (MigrationException e) {
            try {
                read.join();
            } catch (RuntimeException | Error files) {
                files.addSuppressed(e);
                throw files;
            }
            throw e;
        }
        MigrationReader.Contents contents;
        try {
            contents = read.join();
        } catch (RuntimeException | Error e) {
            Failures.quietly(e, connection::close);
            throw e;
        }
        return changing(Database.open(settings, contents, connection), doing, db -> withoutLock.run(db, contents),
                db -> work.run(db, contents));
    }

    private <T> T changing(Database opened, Function<Database, String> doing, Step<Optional<T>> withoutLock,
                           Step<T> work) {
        try (Database db = opened) {
            Optional<T> early;
            try {
                early = withoutLock.run(db);
            } catch (SQLException e) {
                throw db.failures.bookkeeping("reading the history table " + db.history.qualifiedName(), e);
            }
            if (early.isPresent()) {
                return early.get();
            }
            // Named at INFO only now: a run that finds nothing to do says so in one line.
            log.info("{}", db.description);
            return db.locked(doing.apply(db), () -> work.run(db));
        }
    }
}
