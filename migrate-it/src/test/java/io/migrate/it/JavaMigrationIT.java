package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.JavaMigration;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.MigrationState;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Migrations written in Java, among SQL ones. */
class JavaMigrationIT {

    private static final String USERS = "20260101000000_users";
    private static final String LATER = "20260103000000_later";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private MigrationDir sql() {
        return new MigrationDir(dir.resolve("db"))
                .add(USERS, "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, display_name text);\n"
                        + "INSERT INTO users (id, email) VALUES (1, 'ada@example.com'), (2, 'alan@example.com');\n")
                .add(LATER, "CREATE TABLE later (id int);\n");
    }

    /** Derives display names from e-mail addresses, row by row, as a data migration would. */
    public static final class BackfillDisplayNames implements JavaMigration {
        private final int version;

        public BackfillDisplayNames() {
            this(1);
        }

        BackfillDisplayNames(int version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "20260102000000_backfill_display_names";
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public void migrate(Connection connection) throws SQLException {
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT id, email FROM users ORDER BY id");
                 PreparedStatement update = connection.prepareStatement("UPDATE users SET display_name = ? WHERE id = ?")) {
                while (rows.next()) {
                    String email = rows.getString(2);
                    update.setString(1, Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@')));
                    update.setInt(2, rows.getInt(1));
                    update.executeUpdate();
                }
            }
        }
    }

    /** Writes, then fails half-way: nothing it wrote may remain. */
    static final class FailingBackfill implements JavaMigration {
        @Override
        public String name() {
            return "20260102000000_backfill_display_names";
        }

        @Override
        public void migrate(Connection connection) throws SQLException {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("UPDATE users SET display_name = 'half' WHERE id = 1");
            }
            throw new IllegalStateException("no display name rule for alan@example.com");
        }
    }

    /** Commits after each batch, as a backfill of a big table does. */
    static final class BatchedBackfill implements JavaMigration {
        @Override
        public String name() {
            return "20260102000000_batched_backfill";
        }

        @Override
        public boolean transactional() {
            return false;
        }

        @Override
        public void migrate(Connection connection) throws SQLException {
            assertThat(connection.getAutoCommit()).as("a non-transactional migration starts in auto-commit").isTrue();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (int id = 1; id <= 2; id++) {
                    st.executeUpdate("UPDATE users SET display_name = 'batch " + id + "' WHERE id = " + id);
                    connection.commit();
                }
            }
        }
    }

    @Test
    void aJavaMigrationRunsInNameOrderAmongSqlOnesAndShowsInStatus() throws Exception {
        Migrator migrator = Migrator.configure(db.dataSource()).locations(sql().location()).javaMigrations(new BackfillDisplayNames());

        assertThat(migrator.plan().pending()).extracting(p -> p.name() + " " + p.transactional())
                .containsExactly(USERS + " true", "20260102000000_backfill_display_names true", LATER + " true");
        assertThat(migrator.deploy().applied()).extracting(a -> a.name())
                .containsExactly(USERS, "20260102000000_backfill_display_names", LATER);

        assertThat(db.column("SELECT display_name FROM users ORDER BY id")).containsExactly("Ada", "Alan");
        assertThat(migrator.status().migrations()).extracting(m -> m.name() + " " + m.state())
                .containsExactly(USERS + " APPLIED", "20260102000000_backfill_display_names APPLIED", LATER + " APPLIED");
        assertThat(db.column("SELECT applied_steps_count FROM _migrations WHERE migration_name = '20260102000000_backfill_display_names'"))
                .containsExactly("1");
    }

    @Test
    void aFailingJavaMigrationRollsBackWithItsSqlNeighboursUntouched() throws Exception {
        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, () -> Migrator.configure(db.dataSource())
                .locations(sql().location()).javaMigrations(new FailingBackfill()).deploy());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.migration()).isEqualTo("20260102000000_backfill_display_names");
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(failure.getMessage()).startsWith("[MIGRATION_FAILED] Migration 20260102000000_backfill_display_names failed in "
                        + FailingBackfill.class.getName() + ": java.lang.IllegalStateException: no display name rule for alan@example.com")
                .contains("rolled back: nothing of it was applied");
        assertThat(db.column("SELECT count(*) FROM users WHERE display_name IS NOT NULL")).containsExactly("0");
        assertThat(db.tableExists("later")).as("the SQL migration after it did not run").isFalse();
        assertThat(db.column("SELECT migration_name || ' ' || (finished_at IS NOT NULL) || ' ' || (rolled_back_at IS NOT NULL)"
                + " FROM _migrations ORDER BY started_at")).containsExactly(USERS + " true false",
                "20260102000000_backfill_display_names false true");
    }

    @Test
    void aNonTransactionalJavaMigrationCommitsAsItGoes() throws Exception {
        Migrator.configure(db.dataSource()).locations(sql().location()).javaMigrations(new BatchedBackfill()).deploy();

        assertThat(db.column("SELECT display_name FROM users ORDER BY id")).containsExactly("batch 1", "batch 2");
        assertThat(db.column("SELECT applied_steps_count || ' ' || (finished_at IS NOT NULL) FROM _migrations"
                + " WHERE migration_name = '20260102000000_batched_backfill'")).containsExactly("1 true");
    }

    @Test
    void bumpingTheVersionOfAnAppliedJavaMigrationIsReportedAsAnEdit() throws Exception {
        MigrationDir migrations = sql();
        Migrator.configure(db.dataSource()).locations(migrations.location()).javaMigrations(new BackfillDisplayNames(1)).deploy();

        Migrator edited = Migrator.configure(db.dataSource()).locations(migrations.location()).javaMigrations(new BackfillDisplayNames(2));
        assertThat(edited.status().in(MigrationState.MODIFIED)).extracting(m -> m.name())
                .containsExactly("20260102000000_backfill_display_names");
        ValidationException e = catchThrowableOfType(ValidationException.class, edited::deploy);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(p.detail()).contains("java:" + BackfillDisplayNames.class.getName());
        });
        edited.acceptChecksum("20260102000000_backfill_display_names");
        edited.validate();
    }

    @Test
    void javaMigrationsListedAsServicesAreFoundOnTheClassPath() throws Exception {
        Path services = dir.resolve("extra/META-INF/services/io.migrate.api.JavaMigration");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "# data migrations\n" + BackfillDisplayNames.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("extra").toUri().toURL()}, getClass().getClassLoader())) {
            Migrator.configure(db.dataSource()).locations(sql().location()).classLoader(loader).deploy();
        }
        assertThat(db.column("SELECT display_name FROM users ORDER BY id")).containsExactly("Ada", "Alan");
    }

    @Test
    void aJavaMigrationWithTheNameOfASqlOneOrAMalformedNameIsRejected() {
        MigrationDir migrations = sql();
        assertThatThrownBy(() -> Migrator.configure(Unusable.dataSource()).locations(migrations.location()).javaMigrations(new JavaMigration() {
            public String name() {
                return LATER;
            }

            public void migrate(Connection connection) {
            }
        }).deploy()).hasMessageStartingWith("[DUPLICATE_MIGRATION] Migration " + LATER + " exists twice: "
                + migrations.root().resolve(LATER).resolve("migration.sql") + " and java:");
        assertThatThrownBy(() -> Migrator.configure(Unusable.dataSource()).locations(migrations.location()).javaMigrations(new JavaMigration() {
            public String name() {
                return "2026/backfill";
            }

            public void migrate(Connection connection) {
            }
        }).deploy()).hasMessageStartingWith("[MALFORMED_MIGRATION_NAME] Java migration java:")
                .hasMessageContaining("named '2026/backfill' has a name with a path separator ('/' or '\\'), which cannot be"
                        + " a folder name; rename it");
    }

    @Test
    void aJavaSeedRunsInOneTransaction() throws Exception {
        Migrator migrator = Migrator.configure(db.dataSource()).locations(sql().location()).javaSeed(connection -> {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("INSERT INTO users (id, email) VALUES (3, 'grace@example.com')");
            }
        });
        migrator.deploy();
        migrator.seed();
        assertThat(db.column("SELECT email FROM users WHERE id = 3")).containsExactly("grace@example.com");
        assertThatThrownBy(migrator::seed).hasMessageStartingWith("[SEED_FAILED] Seed java:" + JavaMigrationIT.class.getName())
                .hasMessageContaining("duplicate key");
    }
}
