package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationState;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Folder names as real Prisma projects have them: Prisma's documented {@code 0_init} baseline, a
 * numbered history {@code 01_…}, an all-zero timestamp, numbered and timestamped names mixed, and a
 * Prisma history table whose rows carry such names.
 */
class PrismaFolderNamesIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path dir;

    private static final String INIT = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL,"
            + " CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";
    private static final String POSTS = "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"authorId\" INTEGER NOT NULL,"
            + " CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n";

    /**
     * Prisma's "baselining" guide: the existing schema is written to {@code 0_init/migration.sql} and
     * marked applied without running it; later migrations then deploy as usual.
     */
    @Test
    void theDocumentedBaselineFlowWithZeroInit() throws Exception {
        db.execute(INIT);
        MigrationDir migrations = new MigrationDir(dir).add("0_init", INIT);
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        MigrationException notEmpty = catchThrowableOfType(MigrationException.class, migrator::deploy);
        assertThat(notEmpty.code()).isEqualTo(ErrorCode.SCHEMA_NOT_EMPTY);
        assertThat(notEmpty.getMessage()).contains("(the first one here is 0_init)");

        assertThat(migrator.baseline("0_init")).containsExactly("0_init");
        migrations.add("20250101000000_posts", POSTS);
        DeployResult result = migrator.deploy();

        assertThat(result.alreadyApplied()).isEqualTo(1);
        assertThat(result.applied()).extracting(a -> a.name()).containsExactly("20250101000000_posts");
        assertThat(db.column("SELECT migration_name || ' ' || applied_steps_count FROM _migrations ORDER BY started_at"))
                .containsExactly("0_init 0", "20250101000000_posts 1");
        assertThat(migrator.status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
    }

    /** {@code prisma migrate resolve --applied 0_init}, the other half of the guide. */
    @Test
    void zeroInitResolvedAsApplied() throws Exception {
        db.execute(INIT);
        MigrationDir migrations = new MigrationDir(dir).add("0_init", INIT).add("1_posts", POSTS);
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        migrator.resolveApplied("0_init");

        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactly("1_posts");
        assertThat(db.tableExists("Post")).isTrue();
    }

    @Test
    void aNumberedHistoryFrom01To14DeploysInOrderAndGrows() throws Exception {
        MigrationDir migrations = new MigrationDir(dir);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            String name = String.format("%02d_step_%d", i, i);
            names.add(name);
            migrations.add(name, "CREATE TABLE step_" + i + " (id int" + (i > 1 ? ", previous int" : "") + ");\n"
                    + (i > 1 ? "INSERT INTO step_" + i + " SELECT count(*) FROM step_" + (i - 1) + ";\n" : ""));
        }
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactlyElementsOf(names);
        assertThat(db.column("SELECT migration_name FROM _migrations ORDER BY started_at, migration_name"))
                .containsExactlyElementsOf(names);

        migrations.add("15_step_15", "CREATE TABLE step_15 (id int);\n");
        DeployResult next = migrator.deploy();
        assertThat(next.alreadyApplied()).isEqualTo(14);
        assertThat(next.applied()).extracting(a -> a.name()).containsExactly("15_step_15");
        assertThat(migrator.target("15_step_15").status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(log.lines()).noneMatch(l -> l.startsWith("WARN"));
    }

    @Test
    void anAllZeroTimestampRunsFirst() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("00000000000000_initial_setup", INIT)
                .add("20250101000000_posts", POSTS);

        DeployResult result = Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();

        assertThat(result.applied()).extracting(a -> a.name())
                .containsExactly("00000000000000_initial_setup", "20250101000000_posts");
    }

    @Test
    void numberedAndTimestampedNamesMixInByteOrderAndAnUnnumberedNameBeforeThemIsWarnedAbout() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("0_init", INIT)
                .add("000000000000_squashed_migrations", "CREATE TABLE squashed (id int);\n")
                .add("20250101000000_posts", POSTS)
                .add("add_tags", "CREATE TABLE tags (id int);\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        assertThat(migrator.deploy().applied()).extracting(a -> a.name())
                .containsExactly("000000000000_squashed_migrations", "0_init", "20250101000000_posts", "add_tags");
        assertThat(log.lines()).as("letters sort after digits: nothing to warn about").noneMatch(l -> l.startsWith("WARN"));

        // A name that sorts before the numbered ones although it was written last.
        migrations.add("-hotfix", "CREATE TABLE hotfix (id int);\n");
        String warning = "Migration -hotfix has no leading timestamp or number, so its letters put it before"
                + " 000000000000_squashed_migrations and 2 more named with one: it runs first. Migrations run in the"
                + " byte-wise order of their names; if it was written after them, rename it to start with a timestamp"
                + " (<yyyyMMddHHmmss>_-hotfix)";
        StatusReport status = migrator.status();
        assertThat(status.warnings()).containsExactly(new StatusReport.Warning("-hotfix", warning));
        assertThat(status.in(MigrationState.OUT_OF_ORDER)).extracting(m -> m.name()).containsExactly("-hotfix");
        assertThat(status.toString()).contains("Following migrations have no leading timestamp or number and sort"
                + " before ones that have:\n  -hotfix\nThey run first.");
        assertThat(status.toJson()).endsWith(",\"warnings\":[{\"migration\":\"-hotfix\",\"message\":\"" + warning + "\"}],\"drift\":null}");
        assertThat(log.lines()).containsOnlyOnce("WARN " + warning);

        assertThatThrownBy(migrator::deploy).isInstanceOf(ValidationException.class)
                .hasMessageContaining("OUT_OF_ORDER -hotfix");
        assertThat(migrator.outOfOrder(true).deploy().applied()).extracting(a -> a.name()).containsExactly("-hotfix");
    }

    /**
     * Byte-wise, {@code 01_…} sorts before {@code 0_init} ('1' before '_'), as Prisma sorts them; once
     * {@code 0_init} is applied, a new {@code 01_…} is out of order, as any name sorting before the newest.
     */
    @Test
    void aNewNameSortingBeforeTheNewestAppliedIsOutOfOrderByByteOrder() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("0_init", INIT);
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());
        migrator.deploy();
        migrations.add("01_posts", POSTS);

        assertThatThrownBy(migrator::deploy).isInstanceOf(ValidationException.class)
                .hasMessageContaining("OUT_OF_ORDER 01_posts: is pending but sorts before 0_init, which is already applied");
        assertThat(migrator.outOfOrder(true).deploy().applied()).extracting(a -> a.name()).containsExactly("01_posts");
    }

    @Test
    void targetAndResolveUseTheFolderNameAsIs() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("01_init", INIT).add("02_posts", POSTS)
                .add("03_broken", "SELECT * FROM missing_table;\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());

        assertThat(migrator.target("01_init").deploy().applied()).extracting(a -> a.name()).containsExactly("01_init");
        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).target("2_posts").deploy())
                .hasMessageStartingWith("[MIGRATION_NOT_FOUND] The target 2_posts is not among the 3 migrations");
        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy())
                .hasMessageContaining("Migration 03_broken failed");
        Migrator all = Migrator.configure(db.dataSource()).locations(migrations.location());
        assertThat(all.status().in(MigrationState.ROLLED_BACK)).extracting(m -> m.name()).containsExactly("03_broken");
        migrations.add("03_broken", "CREATE TABLE fixed (id int);\n");
        assertThat(all.deploy().applied()).extracting(a -> a.name()).containsExactly("03_broken");
    }

    /** What `prisma migrate deploy` leaves behind in a project with 0_init and a squashed migration: its rows are adopted as they are. */
    @Test
    void aPrismaHistoryWithSuchNamesIsAdopted() throws Exception {
        db.execute("""
                CREATE TABLE "_prisma_migrations" (
                    "id"                    VARCHAR(36) NOT NULL,
                    "checksum"              VARCHAR(64) NOT NULL,
                    "finished_at"           TIMESTAMPTZ,
                    "migration_name"        VARCHAR(255) NOT NULL,
                    "logs"                  TEXT,
                    "rolled_back_at"        TIMESTAMPTZ,
                    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
                    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0,
                    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
                );""");
        String squashed = "CREATE TABLE squashed (id int);\n";
        db.execute(INIT + squashed);
        prismaRow("0_init", INIT);
        prismaRow("000000000000_squashed_migrations", squashed);
        MigrationDir migrations = new MigrationDir(dir).add("0_init", INIT)
                .add("000000000000_squashed_migrations", squashed)
                .add("20250101000000_posts", POSTS)
                .file("migration_lock.toml", "provider = \"postgresql\"\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location()).table("_prisma_migrations");

        assertThat(migrator.status().migrations()).extracting(m -> m.name() + " " + m.state()).containsExactly(
                "000000000000_squashed_migrations APPLIED", "0_init APPLIED", "20250101000000_posts PENDING");

        DeployResult result = migrator.deploy();
        assertThat(result.alreadyApplied()).isEqualTo(2);
        assertThat(result.applied()).extracting(a -> a.name()).containsExactly("20250101000000_posts");
        assertThat(db.column("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL"
                + " ORDER BY started_at")).containsExactly("0_init", "000000000000_squashed_migrations", "20250101000000_posts");
        assertThat(migrator.status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
    }

    private void prismaRow(String name, String script) throws Exception {
        db.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at,"
                + " started_at, applied_steps_count) VALUES ('" + UUID.randomUUID() + "', '" + sha256(script) + "',"
                + " now() - interval '1 day', '" + name + "', NULL, NULL, now() - interval '2 days', 1)");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
