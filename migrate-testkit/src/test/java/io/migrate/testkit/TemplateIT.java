package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateIT {

    @TempDir
    Path dir;

    private final PostgresServer server = PostgresServer.shared();
    private final List<PostgresServer> runs = new ArrayList<>();
    private final List<String> templates = new ArrayList<>();

    @AfterEach
    void cleanUp() throws SQLException {
        runs.forEach(PostgresServer::stop);
        for (String template : templates) {
            if (TestServers.exists(server, template)) {
                TestServers.dropTemplate(server, template);
            }
        }
    }

    private PostgresServer run() {
        PostgresServer run = TestServers.anotherRun();
        runs.add(run);
        return run;
    }

    private DatabaseTemplate prepare(PostgresServer run, Path migrations) {
        DatabaseTemplate template = DatabaseTemplate.postgres().locations("filesystem:" + migrations).poolSize(1)
                .server(run).prepare();
        templates.add(template.name());
        return template;
    }

    @Test
    void aLaterRunReusesTheTemplateWhileTheMigrationsAreUnchanged() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        DatabaseTemplate first = prepare(run(), migrations);
        assertThat(first.reused()).isFalse();
        assertThat(prepare(first.server(), migrations)).isSameAs(first);

        // Timestamps are not content: touching every file changes nothing.
        try (var files = Files.walk(migrations)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
            }
        }
        try (LogCapture logs = new LogCapture()) {
            DatabaseTemplate later = prepare(run(), migrations);
            assertThat(later.reused()).isTrue();
            assertThat(later.name()).isEqualTo(first.name());
            assertThat(logs.text()).contains("Reusing template database " + first.name())
                    .doesNotContain("Applied").doesNotContain("Built template");
            try (Database db = later.newDatabase(); Connection c = db.connect()) {
                assertThat(TestServers.queryString(c, "SELECT count(*) FROM _migrations")).isEqualTo("2");
            }
        }
    }

    @Test
    void aChangedMigrationGivesANewTemplateAndLeavesTheOldOne() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        DatabaseTemplate before = prepare(run(), migrations);
        TestServers.write(migrations.resolve("20260102000000_tags/migration.sql"),
                "CREATE TABLE tags (item_id INT REFERENCES items (id), tag TEXT NOT NULL, weight INT);\n");

        DatabaseTemplate after = prepare(run(), migrations);

        assertThat(after.reused()).isFalse();
        assertThat(after.name()).isNotEqualTo(before.name());
        assertThat(TestServers.exists(server, before.name())).isTrue();
        try (Database db = after.newDatabase(); Connection c = db.connect()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'tags' AND column_name = 'weight'")).isEqualTo("1");
        }
    }

    @Test
    void theSeedAndTheSettingsArePartOfTheHash() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        TestServers.write(dir.resolve("seed.sql"), "INSERT INTO items (label) VALUES ('one');\n");
        PostgresServer run = run();
        String plain = prepare(run, migrations).name();
        DatabaseTemplate seeded = DatabaseTemplate.postgres().locations("filesystem:" + migrations)
                .seed("filesystem:" + dir.resolve("seed.sql")).server(run).prepare();
        templates.add(seeded.name());
        DatabaseTemplate otherTable = DatabaseTemplate.postgres().locations("filesystem:" + migrations)
                .table("_history").server(run).prepare();
        templates.add(otherTable.name());

        assertThat(List.of(plain, seeded.name(), otherTable.name())).doesNotHaveDuplicates();
        try (Database db = seeded.newDatabase(); Connection c = db.connect()) {
            assertThat(TestServers.queryString(c, "SELECT label FROM items")).isEqualTo("one");
        }
    }

    @Test
    void twoRunsCreatingTheSameTemplateAtOnceBuildItOnce() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        PostgresServer a = run();
        PostgresServer b = run();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<DatabaseTemplate>> results = new ArrayList<>();
            for (PostgresServer run : List.of(a, b)) {
                Callable<DatabaseTemplate> task = () -> {
                    start.await();
                    return prepare(run, migrations);
                };
                results.add(threads.submit(task));
            }
            DatabaseTemplate first = results.get(0).get();
            DatabaseTemplate second = results.get(1).get();

            assertThat(first.name()).isEqualTo(second.name());
            assertThat(List.of(first.reused(), second.reused())).containsExactlyInAnyOrder(true, false);
            assertThat(TestServers.databases(server, "mtk\\_build\\_%")).isEmpty();
            try (Database x = first.newDatabase(); Database y = second.newDatabase()) {
                assertThat(x.name()).isNotEqualTo(y.name());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoJvmsCreatingTheSameTemplateAtOnceBuildItOnce() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        String location = "filesystem:" + migrations;
        try (ChildJvm one = ChildJvm.start(TestServers.sameServerArguments(), Map.of(), "template", location);
             ChildJvm two = ChildJvm.start(TestServers.sameServerArguments(), Map.of(), "template", location)) {
            assertThat(one.waitFor(120)).as(one.output()).isZero();
            assertThat(two.waitFor(120)).as(two.output()).isZero();
            String a = outcome(one);
            String b = outcome(two);
            assertThat(List.of(a.split(" ")[0], b.split(" ")[0])).containsExactlyInAnyOrder("BUILT", "REUSED");
            assertThat(a.split(" ")[1]).isEqualTo(b.split(" ")[1]);
            templates.add(a.split(" ")[1]);
            assertThat(TestServers.databases(server, a.split(" ")[1])).hasSize(1);
        }
    }

    private static String outcome(ChildJvm child) throws InterruptedException {
        String built = child.awaitLine("BUILT ", 0);
        String line = built != null ? built : child.awaitLine("REUSED ", 0);
        assertThat(line).as(child.output()).isNotNull();
        return line;
    }

    @Test
    void aStraySessionCannotReachTheTemplateSoCloningNeverFailsOnIt() throws Exception {
        DatabaseTemplate template = prepare(run(), TestServers.uniqueMigrations(dir.resolve("db")));

        assertThatThrownBy(() -> server.connect(template.name()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("is not currently accepting connections");
        try (Database db = template.newDatabase(); Connection c = db.connect()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM items")).isEqualTo("0");
        }
    }

    @Test
    void aFailingSeedLeavesNoTemplateAndSaysWhere() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        TestServers.write(migrations.resolve("seed.sql"),
                "INSERT INTO items (label) VALUES ('a');\n\nINSERT INTO nowhere VALUES (1);\n");

        assertThatThrownBy(() -> DatabaseTemplate.postgres().locations("filesystem:" + migrations).seed()
                .server(run()).prepare())
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SEED_FAILED))
                .hasMessageContaining("Seed filesystem:" + migrations.resolve("seed.sql") + " failed at line 3")
                .hasMessageContaining("INSERT INTO nowhere VALUES (1)")
                .hasMessageContaining("relation \"nowhere\" does not exist");
        assertThat(TestServers.databases(server, "mtk\\_build\\_%")).isEmpty();
    }

    @Test
    void aFailingMigrationLeavesNoTemplate() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));
        TestServers.write(migrations.resolve("20260103000000_broken/migration.sql"), "ALTER TABLE missing ADD x INT;\n");

        assertThatThrownBy(() -> prepare(run(), migrations))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED))
                .hasMessageContaining("20260103000000_broken");
        assertThat(TestServers.databases(server, "mtk\\_build\\_%")).isEmpty();
    }

    @Test
    void aMissingSeedIsAnError() throws Exception {
        Path migrations = TestServers.uniqueMigrations(dir.resolve("db"));

        assertThatThrownBy(() -> DatabaseTemplate.postgres().locations("filesystem:" + migrations).seed().prepare())
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCATION_NOT_FOUND))
                .hasMessageStartingWith("[LOCATION_NOT_FOUND] The seed script filesystem:" + migrations + "/seed.sql does not exist");
    }

    @Test
    void bothCloneStrategiesWorkAndAnUnknownOneIsRejected() throws Exception {
        DatabaseTemplate template = prepare(run(), TestServers.uniqueMigrations(dir.resolve("db")));
        PostgresServer run = template.server();
        for (String strategy : List.of("file_copy", "WAL_LOG")) {
            ClonePool pool = new ClonePool(run, template.name(), 0,
                    Setting.of(Map.of(ClonePool.STRATEGY_PROPERTY, strategy)));
            try (Database db = new Database(run, pool.take()); Connection c = db.connect()) {
                assertThat(TestServers.queryString(c, "SELECT count(*) FROM tags")).isEqualTo("0");
            }
        }
        assertThatThrownBy(() -> new ClonePool(run, template.name(), 0, Setting.of(Map.of(ClonePool.STRATEGY_PROPERTY, "fast"))))
                .hasMessage("[INVALID_CONFIGURATION] migrate.testkit.clone-strategy = 'fast': must be file_copy or wal_log");
    }

    @Test
    void aPoolThatKeptATestWaitingGrowsUpToTwiceItsSize() throws Exception {
        DatabaseTemplate template = prepare(run(), TestServers.uniqueMigrations(dir.resolve("db")));
        PostgresServer run = template.server();
        ClonePool pool = new ClonePool(run, template.name(), 1, Setting.of(Map.of()));
        List<Database> taken = new ArrayList<>();
        try {
            // Taken back to back: the clone made after each take cannot be ready a moment later.
            for (int i = 0; i < 4; i++) {
                taken.add(new Database(run, pool.take()));
            }
            assertThat(pool.size()).isEqualTo(2);
        } finally {
            taken.forEach(Database::close);
            pool.close();
        }
    }

    @Test
    void everyNewDatabaseIsACopyOfItsOwn() throws Exception {
        DatabaseTemplate template = prepare(run(), TestServers.uniqueMigrations(dir.resolve("db")));
        try (Database a = template.newDatabase(); Database b = template.newDatabase();
             Connection ca = a.connect(); Connection cb = b.connect()) {
            ca.createStatement().execute("INSERT INTO items (label) VALUES ('only in a')");
            assertThat(TestServers.queryString(cb, "SELECT count(*) FROM items")).isEqualTo("0");
            assertThat(TestServers.queryString(ca, "SELECT count(*) FROM items")).isEqualTo("1");
        }
    }
}
