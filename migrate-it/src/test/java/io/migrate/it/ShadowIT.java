package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.SchemaSource;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.SchemaSupport;
import io.migrate.testkit.Database;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Shadow databases: temporary or given, init scripts, failures on them, and what happens without the means to make one. */
class ShadowIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private List<String> before;

    @BeforeEach
    void notice() throws Exception {
        before = temporary();
    }

    private List<String> temporary() throws Exception {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'migrate\\_shdw\\_%'"
                + " AND datname NOT LIKE 'migrate\\_shdw\\_tpl\\_%' ORDER BY 1");
    }

    /**
     * Temporary shadow databases made since the test started and still there; other processes on the
     * same server may hold one for a moment, so a short wait lets theirs go.
     */
    private String leftovers() throws Exception {
        List<String> made = List.of();
        for (int i = 0; i < 50; i++) {
            made = temporary().stream().filter(n -> !before.contains(n)).toList();
            if (made.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return String.join(",", made);
    }

    @Test
    void aMigrationFailingOnTheShadowIsReportedWithItsStatementAndTheServersWords() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_ok", "CREATE TABLE a (id int PRIMARY KEY);")
                .add("20260102000000_bad", "CREATE TABLE b (id int);\nCREATE TABLE c (a int REFERENCES nothing (id));\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> migrator.diff(SchemaSource.migrations(), SchemaSource.database()));

        assertThat(e.code()).isEqualTo(ErrorCode.SHADOW_MIGRATION_FAILED);
        assertThat(e.getMessage()).isEqualTo("[SHADOW_MIGRATION_FAILED] Migration 20260102000000_bad failed to apply cleanly"
                + " to the shadow database at line 2 of " + dir.resolve("20260102000000_bad").resolve("migration.sql") + "\n"
                + "  Statement: CREATE TABLE c (a int REFERENCES nothing (id))\n"
                + "  SQLSTATE 42P01: ERROR: relation \"nothing\" does not exist\n"
                + "The shadow database replays the migrations to learn the schema they create, so this migration would fail"
                + " on a new database too. Fix it, or create what it expects beforehand with shadowInit(sql)");
        assertThat(leftovers()).as("the temporary shadow is dropped after a failure").isEmpty();
    }

    @Test
    void shadowInitRunsFirstAndAGivenShadowDatabaseIsEmptiedBeforeUse() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_users", "CREATE TABLE users (email citext);");
        try (Database shadow = TestDatabase.another()) {
            SchemaDiffIT.run(shadow.dataSource(), "CREATE TABLE junk (id int)");
            Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location())
                    .shadowDatabase(shadow.dataSource());
            assertThat(catchThrowableOfType(MigrationException.class, () -> migrator.snapshot(SchemaSource.migrations())).code())
                    .isEqualTo(ErrorCode.SHADOW_MIGRATION_FAILED);

            SchemaSnapshot snapshot = migrator.shadowInit("CREATE EXTENSION IF NOT EXISTS citext;").snapshot(SchemaSource.migrations());

            assertThat(snapshot.tables()).extracting(t -> t.qualifiedName()).containsExactly("public.users");
            assertThat(snapshot.table("public", "users").orElseThrow().columns().get(0).type()).isEqualTo("public.citext");
            assertThat(snapshot.toJson()).contains("{\"kind\":\"EXTENSION\",\"schema\":\"public\",\"name\":\"citext\"");
            assertThat(SchemaDiffIT.query(shadow, "SELECT count(*) FROM pg_class WHERE relname = 'junk'")).isEqualTo("0");
        }
    }

    @Test
    void aSchemaFileIsTheDesiredStateAndEmptyIsANewDatabase() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.sql"), """
                CREATE TYPE role AS ENUM ('user', 'admin');
                CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, role role NOT NULL DEFAULT 'user');
                """);
        db.execute("CREATE TABLE old (id int)");
        Migrator migrator = Migrator.configure(db.dataSource());

        SchemaDiff toFile = migrator.diff(SchemaSource.database(), SchemaSource.schemaFile("filesystem:" + schema));
        assertThat(toFile.toString()).isEqualTo("""
                [-] Removed tables: public.old
                [+] Added enums: public.role
                [+] Added tables: public.users""");
        db.execute(toFile.script());
        assertThat(migrator.diff(SchemaSource.database(), SchemaSource.schemaFile("filesystem:" + schema)).isEmpty()).isTrue();

        assertThat(migrator.diff(SchemaSource.empty(), SchemaSource.database()).statements()).containsExactly(
                "CREATE TYPE \"public\".\"role\" AS ENUM ('user', 'admin')",
                "CREATE TABLE \"public\".\"users\" (\n    \"id\" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
                        + "    \"role\" public.role DEFAULT 'user'::public.role NOT NULL,\n"
                        + "    CONSTRAINT \"users_pkey\" PRIMARY KEY (id)\n)");
        assertThat(migrator.diff(SchemaSource.database(), SchemaSource.empty()).reverse().script())
                .isEqualTo(migrator.diff(SchemaSource.empty(), SchemaSource.database()).script());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void withoutCreatedbTheErrorNamesThePrivilegeAndTheWayOut() throws Exception {
        String role = "mig_nocreatedb_" + UUID.randomUUID().toString().substring(0, 8);
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
        try {
            PGSimpleDataSource limited = new PGSimpleDataSource();
            limited.setURL(db.url());
            limited.setUser(role);
            assertThatThrownBy(() -> Migrator.configure(limited).diff(SchemaSource.empty(), SchemaSource.database()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("[SHADOW_DATABASE_FAILED] Cannot create a temporary shadow database: the user " + role
                            + " lacks the CREATEDB privilege (SQLSTATE 42501: ERROR: permission denied to create database)."
                            + " Grant it (ALTER ROLE \"" + role + "\" CREATEDB), or name a database the migrator may empty"
                            + " and use with shadowDatabase(dataSource)");
            try (Database shadow = TestDatabase.another()) {
                assertThat(Migrator.configure(limited).shadowDatabase(shadow.dataSource())
                        .diff(SchemaSource.empty(), SchemaSource.database()).isEmpty()).isTrue();
            }
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void leftoversOfCrashedRunsAreSweptAndTemplatesKept() throws Exception {
        String crashed = "migrate_shdw_" + home(db.name()) + "0badc0de_1";
        db.execute("CREATE DATABASE " + crashed);
        Migrator.configure(db.dataSource()).snapshot(SchemaSource.empty());
        assertThat(leftovers()).doesNotContain(crashed);
    }

    @Test
    void aLiveRunFromAnotherDatabaseKeepsItsShadow() throws Exception {
        try (Database other = TestDatabase.another(); Connection holder = other.dataSource().getConnection()) {
            // a run started from the other database: its lock is held there, invisible from this one
            String tag = home(other.name()) + "0badc0de";
            String live = "migrate_shdw_" + tag + "_1";
            db.execute("CREATE DATABASE " + live);
            try (DatabaseLock running = new PostgresDialect().lock(holder, "migrate_shadow", tag, Duration.ofSeconds(1))) {
                Migrator.configure(db.dataSource()).snapshot(SchemaSource.empty());
                assertThat(temporary()).contains(live);
            } finally {
                db.execute("DROP DATABASE IF EXISTS " + live);
            }
        }
    }

    /** The run-tag digits that name the database a shadow run's lock is held in. */
    private static String home(String database) {
        return HexFormat.of().toHexDigits((short) Objects.hashCode(database));
    }

    @Test
    void aTemplateThatAnotherRunDropsJustBeforeItIsClonedIsBuiltAgain() throws Exception {
        // A migration set of its own, so that its template is new to the server.
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a",
                "CREATE TABLE a (id int); COMMENT ON TABLE a IS '" + UUID.randomUUID() + "';");
        PostgresDialect postgres = new PostgresDialect();
        SchemaSupport real = postgres.schemaSupport().orElseThrow();
        AtomicBoolean pruneNextClone = new AtomicBoolean();
        // Between its check that the template exists and its clone, another run that has just built a
        // template of its own drops this one as one of the old ones it does not keep.
        SchemaSupport racing = (SchemaSupport) Proxy.newProxyInstance(SchemaSupport.class.getClassLoader(),
                new Class<?>[] {SchemaSupport.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createDatabase") && args[2] != null && pruneNextClone.getAndSet(false)) {
                        real.dropDatabase((Connection) args[0], (String) args[2]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location())
                .dialect(new ForwardingDialect(postgres) {
                    @Override
                    public Optional<SchemaSupport> schemaSupport() {
                        return Optional.of(racing);
                    }
                });
        SchemaDiff first = migrator.diff(SchemaSource.empty(), SchemaSource.migrations());

        pruneNextClone.set(true);
        SchemaDiff again = migrator.diff(SchemaSource.empty(), SchemaSource.migrations());

        assertThat(pruneNextClone).as("the template was dropped before the clone").isFalse();
        assertThat(again.script()).isEqualTo(first.script()).contains("CREATE TABLE");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aDialectWithoutSchemaSupportStillDeploysButCannotDiff() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location())
                .dialect(new ForwardingDialect(new PostgresDialect()) { });
        migrator.deploy();
        assertThatThrownBy(() -> migrator.diff(SchemaSource.migrations(), SchemaSource.database()))
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[SCHEMA_DIFF_UNSUPPORTED] The postgresql dialect (io.migrate.it.ShadowIT$")
                .hasMessageEndingWith(") cannot read schemas, so diff, snapshot and drift detection are not available for"
                        + " this database; deploy, status and validate without detectDrift work as before. Use a dialect"
                        + " that implements SchemaSupport");
        assertThatThrownBy(() -> migrator.detectDrift(true).status())
                .isInstanceOf(MigrationException.class).hasMessageStartingWith("[SCHEMA_DIFF_UNSUPPORTED]");
        assertThat(migrator.detectDrift(false).status().migrations()).hasSize(1);
    }

    @Test
    void badArgumentsFailInTheSetter() {
        Migrator migrator = Migrator.configure(db.dataSource());
        assertThatThrownBy(() -> migrator.shadowInit(" ")).hasMessage("[INVALID_CONFIGURATION] shadowInit = ' ': must be SQL statements");
        assertThatThrownBy(() -> migrator.shadowDatabase(db.dataSource())).hasMessage("[INVALID_CONFIGURATION] shadowDatabase ="
                + " 'the migrated data source': must be another database: it is emptied before each use");
        assertThatThrownBy(() -> migrator.diff(null, SchemaSource.database())).hasMessage("[INVALID_CONFIGURATION] diff = 'from':"
                + " both sources are required, e.g. SchemaSource.database()");
    }
}
