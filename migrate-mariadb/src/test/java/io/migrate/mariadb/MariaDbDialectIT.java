package io.migrate.mariadb;

import io.migrate.api.LockTimeoutException;
import io.migrate.spi.DatabaseLock;
import io.migrate.spi.SessionSettings;
import io.migrate.tck.DeployChild;
import io.migrate.tck.KitDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the kit leaves to the dialect: Prisma's table, the lock's message, timeouts, reset of every kind
 * of object; through the MariaDB driver here and through MySQL Connector/J in {@link ConnectorJDialectIT}.
 */
class MariaDbDialectIT {

    final MariaDbDialect dialect = new MariaDbDialect();
    KitDatabase db;
    String name;

    /** The driver every connection of these tests goes through. */
    MariaDbServer.Driver driver() {
        return MariaDbServer.Driver.MARIADB;
    }

    @BeforeEach
    void database() throws SQLException {
        db = MariaDbServer.newDatabase(driver());
        name = db.jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void createsTheHistoryTableAsPrismaDoesOnMySql() throws SQLException {
        try (Connection c = db.connect()) {
            dialect.createHistoryTable(c, name, "_prisma_migrations");
            assertThat(column(c, "SELECT CONCAT_WS(' ', COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '-'))"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_prisma_migrations'"
                    + " ORDER BY ORDINAL_POSITION")).containsExactly(
                    "id varchar(36) NO -",
                    "checksum varchar(64) NO -",
                    "finished_at datetime(3) YES NULL",
                    "migration_name varchar(255) NO -",
                    "logs text YES NULL",
                    "rolled_back_at datetime(3) YES NULL",
                    "started_at datetime(3) NO current_timestamp(3)",
                    "applied_steps_count int(10) unsigned NO 0");
            assertThat(column(c, "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = '_prisma_migrations'")).containsExactly("utf8mb4_unicode_ci");
            assertThat(column(c, "SELECT CONCAT(COLUMN_NAME, ' ', CONSTRAINT_NAME) FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_prisma_migrations'")).containsExactly("id PRIMARY");
        }
    }

    @Test
    void writesHistoryTimestampsInUtcWhateverTheJvmZone() throws SQLException {
        TimeZone jvm = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try (Connection c = db.connect()) {
            dialect.createHistoryTable(c, name, "_migrations");
            OffsetDateTime noon = OffsetDateTime.of(2026, 1, 2, 12, 0, 0, 123_000_000, ZoneOffset.ofHours(9));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO _migrations (id, checksum, migration_name,"
                    + " started_at, finished_at) VALUES ('1', 'c', 'm', ?, ?)")) {
                dialect.setTimestamp(ps, 1, noon);
                dialect.setTimestamp(ps, 2, null);
                ps.executeUpdate();
            }
            assertThat(column(c, "SELECT CONCAT(started_at, ' ', COALESCE(finished_at, '-')) FROM _migrations"))
                    .containsExactly("2026-01-02 03:00:00.123 -");
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT started_at FROM _migrations")) {
                rs.next();
                assertThat(dialect.getTimestamp(rs, 1)).isEqualTo(noon.withOffsetSameInstant(ZoneOffset.UTC));
            }
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    /** Time-zone settings that both drivers take by these names, and a zone the server knows without its zone tables. */
    static final String DRIVER_ZONE = "connectionTimeZone=-05:00&forceConnectionTimeZoneToSession=true&preserveInstants=true";

    /** This test's database URL with more driver parameters. */
    String urlWith(String parameters) {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + parameters;
    }

    @Test
    void keepsHistoryTimestampsToTheMillisecondWhateverTheDriversTimeZoneSettings() throws SQLException {
        TimeZone jvm = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try (Connection zoned = DriverManager.getConnection(urlWith(DRIVER_ZONE)); Connection plain = db.connect()) {
            dialect.createHistoryTable(zoned, name, "_migrations");
            OffsetDateTime noon = OffsetDateTime.of(2026, 1, 2, 12, 0, 0, 123_456_789, ZoneOffset.ofHours(9));
            try (PreparedStatement ps = zoned.prepareStatement("INSERT INTO _migrations (id, checksum, migration_name,"
                    + " started_at, rolled_back_at) VALUES ('1', 'c', 'm', ?, ?)")) {
                dialect.setTimestamp(ps, 1, noon);
                dialect.setTimestamp(ps, 2, null);
                ps.executeUpdate();
            }
            assertThat(column(plain, "SELECT CONCAT(CAST(started_at AS CHAR), ' ', COALESCE(rolled_back_at, '-'))"
                    + " FROM _migrations")).containsExactly("2026-01-02 03:00:00.123 -");
            try (PreparedStatement ps = zoned.prepareStatement("SELECT started_at, rolled_back_at FROM _migrations");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(dialect.getTimestamp(rs, 1)).isEqualTo(OffsetDateTime.of(2026, 1, 2, 3, 0, 0, 123_000_000,
                        ZoneOffset.UTC));
                assertThat(dialect.getTimestamp(rs, 2)).isNull();
            }
        } finally {
            TimeZone.setDefault(jvm);
        }
    }

    @Test
    void runsMigrationsInTheServersTimeZoneWhateverTheDriverSetForTheSession() throws Exception {
        Path dir = migration("20260101000000_zone",
                "CREATE TABLE zone AS SELECT @@SESSION.time_zone AS session_zone, @@GLOBAL.time_zone AS server_zone;\n");
        assertThat(deployTo(urlWith(DRIVER_ZONE), dir)).contains("Applied 1 migration");
        try (Connection c = db.connect()) {
            assertThat(column(c, "SELECT session_zone = server_zone FROM zone")).containsExactly("1");
        }
        try (Connection zoned = DriverManager.getConnection(urlWith(DRIVER_ZONE))) {
            assertThat(column(zoned, "SELECT @@SESSION.time_zone")).containsExactly("-05:00");
            try (SessionSettings session = dialect.prepareSession(zoned, null)) {
                assertThat(column(zoned, "SELECT @@SESSION.time_zone = @@GLOBAL.time_zone")).containsExactly("1");
            }
            assertThat(column(zoned, "SELECT @@SESSION.time_zone")).containsExactly("-05:00");
        }
    }

    @Test
    void runsStatementsAsWrittenWithoutJdbcEscapeProcessing() throws Exception {
        Path dir = migration("20260101000000_braces", """
                CREATE TABLE `owner's {fn notes}` (id INT, note VARCHAR(40), due DATE);
                INSERT INTO `owner's {fn notes}` VALUES (1, '{fn UCASE(''a'')}', {d '2026-01-02'});
                """);
        assertThat(deploy(dir)).contains("Applied 1 migration");
        try (Connection c = db.connect()) {
            assertThat(column(c, "SELECT CONCAT_WS(' ', id, note, due) FROM `owner's {fn notes}`"))
                    .containsExactly("1 {fn UCASE('a')} 2026-01-02");
        }
    }

    /** A folder with one migration, {@code name/migration.sql} holding {@code sql}. */
    static Path migration(String name, String sql) throws Exception {
        Path dir = Files.createTempDirectory("migrate-mariadb");
        Files.writeString(Files.createDirectories(dir.resolve(name)).resolve("migration.sql"), sql);
        return dir;
    }

    @Test
    void adoptsAHistoryThatPrismaWrote() throws Exception {
        Path dir = Files.createTempDirectory("migrate-mariadb");
        String init = "-- CreateTable\nCREATE TABLE `User` (\n    `id` INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "    PRIMARY KEY (`id`)\n) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n";
        Files.createDirectories(dir.resolve("20260101000000_init"));
        Files.writeString(dir.resolve("20260101000000_init/migration.sql"), init);
        Files.createDirectories(dir.resolve("20260102000000_name"));
        Files.writeString(dir.resolve("20260102000000_name/migration.sql"), "ALTER TABLE `User` ADD COLUMN `name` VARCHAR(191) NULL;\n");
        String checksum = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(init.getBytes(StandardCharsets.UTF_8)));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // What Prisma leaves behind after applying the first migration itself.
            dialect.createHistoryTable(c, name, "_prisma_migrations");
            st.execute(init.replace("-- CreateTable\n", ""));
            st.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at,"
                    + " started_at, applied_steps_count) VALUES ('0b8f3f5e-7c1a-4d2e-9f00-000000000001', '" + checksum
                    + "', '2026-01-01 10:00:00.500', '20260101000000_init', NULL, NULL, '2026-01-01 10:00:00.100', 1)");
        }
        String output = deploy(dir, "_prisma_migrations");
        assertThat(output).contains("Applied 1 migration", "20260102000000_name");
        try (Connection c = db.connect()) {
            assertThat(column(c, "SELECT CONCAT(migration_name, ' ', applied_steps_count) FROM _prisma_migrations"
                    + " ORDER BY started_at")).containsExactly("20260101000000_init 1", "20260102000000_name 1");
            assertThat(column(c, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = 'User' AND COLUMN_NAME = 'name'")).containsExactly("1");
        }
    }

    @Test
    void namesTheLockHolderWhenTheWaitTimesOut() throws SQLException {
        try (Connection holder = db.connect(); Connection other = db.connect()) {
            long id = Long.parseLong(column(holder, "SELECT CONNECTION_ID()").get(0));
            try (DatabaseLock lock = dialect.lock(holder, name, "_migrations", Duration.ofSeconds(1))) {
                LockTimeoutException e = catchThrowableOfType(LockTimeoutException.class,
                        () -> dialect.lock(other, name, "_migrations", Duration.ofMillis(200)));
                assertThat(e.getMessage())
                        .startsWith("[LOCK_TIMEOUT] Could not take the migration lock for " + name + "._migrations (GET_LOCK('migrate:"
                                + name + "._migrations')) within 200 ms: it is held by connection id " + id + " (user root, host ")
                        .containsPattern(", database " + name + ", (Sleep|Query) for \\d+ s\\)\\. ")
                        .endsWith(". Another deploy is probably running; wait for it, or raise lockTimeout. If the holder is"
                                + " stuck, end its connection with KILL <id>; the lock is released with it.");
            }
        }
    }

    @Test
    void takesPrismasOwnLockForPrismasTable() throws SQLException {
        try (Connection holder = db.connect(); Connection other = db.connect()) {
            assertThat(column(holder, "SELECT GET_LOCK('prisma_migrate', 0)")).containsExactly("1");
            assertThatThrownBy(() -> dialect.lock(other, name, "_prisma_migrations", Duration.ofMillis(100)))
                    .isInstanceOf(LockTimeoutException.class).hasMessageContaining("(GET_LOCK('prisma_migrate'))");
        }
        assertThat(MariaDbDialect.lockName("a".repeat(70), "_migrations")).hasSize(64).startsWith("migrate:");
    }

    @Test
    void limitsLockWaitsAndStatementTimesAndPutsTheLimitsBack() throws SQLException {
        try (Connection c = db.connect()) {
            List<String> before = column(c, "SELECT CONCAT_WS(',', @@lock_wait_timeout, @@innodb_lock_wait_timeout,"
                    + " @@max_statement_time)");
            try (SessionSettings limits = dialect.timeouts(c, Duration.ofMillis(1500), Duration.ofMillis(300))) {
                assertThat(column(c, "SELECT CONCAT_WS(',', @@lock_wait_timeout, @@innodb_lock_wait_timeout,"
                        + " @@max_statement_time)")).containsExactly("2,2,0.300000");
                assertThatThrownBy(() -> column(c, "SELECT * FROM information_schema.COLUMNS a, information_schema.COLUMNS b"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("max_statement_time exceeded");
            }
            assertThat(column(c, "SELECT CONCAT_WS(',', @@lock_wait_timeout, @@innodb_lock_wait_timeout,"
                    + " @@max_statement_time)")).isEqualTo(before);
        }
    }

    @Test
    void runsMigrationsWithTheServersSqlModeAndPutsTheDriversBack() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + db.otherSchema() + "`");
            st.execute("SET SESSION sql_mode = 'ANSI_QUOTES'");
            try (SessionSettings session = dialect.prepareSession(c, db.otherSchema())) {
                assertThat(column(c, "SELECT @@SESSION.sql_mode = @@GLOBAL.sql_mode")).containsExactly("1");
                assertThat(column(c, "SELECT DATABASE()")).containsExactly(db.otherSchema());
            }
            assertThat(column(c, "SELECT @@SESSION.sql_mode")).containsExactly("ANSI_QUOTES");
            assertThat(column(c, "SELECT DATABASE()")).containsExactly(name);
        }
    }

    @Test
    void resetsWhatAMigrationChangedInTheSessionBeforeTheNext() throws SQLException {
        String session = "SELECT CONCAT_WS(',', DATABASE(), @@SESSION.sql_mode = @@GLOBAL.sql_mode, @@foreign_key_checks + 0,"
                + " @@unique_checks + 0, @@time_zone, @@character_set_client)";
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + db.otherSchema() + "`");
            try (SessionSettings prepared = dialect.prepareSession(c, db.otherSchema())) {
                List<String> clean = column(c, session);
                assertThat(clean).containsExactly(db.otherSchema() + ",1,1,1,SYSTEM,utf8mb4");
                st.execute("/*!40014 SET FOREIGN_KEY_CHECKS=0, UNIQUE_CHECKS=0 */");
                st.execute("SET NAMES latin1");
                st.execute("SET time_zone = '+05:00', sql_mode = 'ANSI_QUOTES'");
                st.execute("USE `" + name + "`");
                assertThat(column(c, session)).containsExactly(name + ",0,0,0,+05:00,latin1");
                prepared.reset();
                assertThat(column(c, session)).isEqualTo(clean);
            }
        }
    }

    @Test
    void refusesAConnectionWithoutDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(MariaDbServer.url(driver()))) {
            assertThat(dialect.currentSchema(c)).isNull();
        }
        Path dir = Files.createTempDirectory("migrate-mariadb");
        Files.createDirectories(dir.resolve("20260101000000_init"));
        Files.writeString(dir.resolve("20260101000000_init/migration.sql"), "CREATE TABLE t (id INT);\n");
        assertThat(deployTo(MariaDbServer.url(driver()), dir)).contains("MigrationException: [INVALID_CONFIGURATION] The connection"
                + " has no current schema (the mysql dialect found none), so there is no place for the history table. Set"
                + " one with schema(\"<name>\") on the builder, or choose a default schema or database in the data source");
    }

    @Test
    void dropsEveryKindOfObjectAndKeepsTheDatabase() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            st.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES parent (id))");
            st.execute("CREATE VIEW v AS SELECT id FROM child");
            st.execute("CREATE SEQUENCE s");
            st.execute("CREATE PROCEDURE p() BEGIN SELECT 1; END");
            st.execute("CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1");
            st.execute("CREATE TRIGGER tr BEFORE INSERT ON child FOR EACH ROW SET NEW.id = NEW.id + 1");
            st.execute("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1");
            assertThat(dialect.schemaObjects(c, name, "", 20)).containsExactly("table " + name + ".child",
                    "table " + name + ".parent", "sequence " + name + ".s", "view " + name + ".v",
                    "function " + name + ".f", "procedure " + name + ".p", "event " + name + ".e");

            dialect.dropAll(c, name);
            assertThat(dialect.schemaObjects(c, name, "", 20)).isEmpty();
            assertThat(column(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"))
                    .containsExactly("0");
            assertThat(column(c, "SELECT DATABASE()")).containsExactly(name);
            assertThat(column(c, "SELECT @@foreign_key_checks")).containsExactly("1");
        }
    }

    @Test
    void deploysRoutinesVersionedCommentsAndSaysWhatAFailedDdlMigrationLeft() throws Exception {
        Path dir = Files.createTempDirectory("migrate-mariadb");
        Path first = Files.createDirectories(dir.resolve("20260101000000_init"));
        Files.writeString(first.resolve("migration.sql"), """
                /*!40101 SET NAMES utf8mb4 */;
                CREATE TABLE counter (n INT NOT NULL);
                INSERT INTO counter VALUES (0);
                DELIMITER //
                CREATE PROCEDURE bump()
                BEGIN
                  UPDATE counter SET n = n + 1;
                END//
                DELIMITER ;
                CALL bump();
                """);
        Path second = Files.createDirectories(dir.resolve("20260102000000_half"));
        Files.writeString(second.resolve("migration.sql"), """
                CREATE TABLE done (id INT);
                ALTER TABLE no_such_table ADD COLUMN x INT;
                CREATE TABLE not_done (id INT);
                """);
        // With the driver's multi-statement switch on, statements still go one by one, as the dialect split them.
        String output = deployTo(urlWith("allowMultiQueries=true"), dir);
        try (Connection c = db.connect()) {
            assertThat(column(c, "SELECT n FROM counter")).containsExactly("1");
            assertThat(dialect.schemaObjects(c, name, "_migrations", 10)).contains("table " + name + ".done")
                    .doesNotContain("table " + name + ".not_done");
        }
        assertThat(output).contains("MigrationFailedException: [MIGRATION_FAILED] Migration 20260102000000_half failed at"
                        + " line 2 of " + second.resolve("migration.sql"),
                "  Statement: ALTER TABLE no_such_table ADD COLUMN x INT\n",
                "It runs without a transaction: 1 of 3 statements were applied and remain.",
                "\n  Took effect: statement 1 (line 1); failed: statement 2 (line 2); not run: statement 3 (line 3).\n");
    }

    /**
     * Deploys in a JVM of its own, as an application would: this module's tests are compiled as part of
     * its named module, which cannot see the engine's package, so they reach it through the kit.
     */
    String deploy(Path dir, String... table) throws Exception {
        return deployTo(db.jdbcUrl(), dir, table);
    }

    static String deployTo(String url, Path dir, String... table) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                DeployChild.class.getName(), url, "null", "null", "filesystem:" + dir, MariaDbDialect.class.getName()));
        command.addAll(List.of(table));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
