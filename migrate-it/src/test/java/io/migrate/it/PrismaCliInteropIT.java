package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.MigrationState;
import io.migrate.api.StatusReport;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Takes turns with the real {@code prisma migrate} CLI on one database: each tool applies part of a
 * history and the other the rest, each one's {@code status} accepts the other's rows, and a failed
 * migration recorded by one is resolved by the other. Runs in the {@code prisma} Maven profile only
 * (it needs Node.js and the CLI installed from npm; see {@link PrismaCli}).
 */
@Tag("prisma-cli")
class PrismaCliInteropIT {

    private static final String UP_TO_DATE = "Database schema is up to date!";

    private static PrismaCli prisma;

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @BeforeAll
    static void cli() {
        prisma = PrismaCli.installed();
    }

    @Test
    void prismaAppliesTheFirstNumberedMigrationsAndTheLibraryTheRest() throws Exception {
        Map<String, String> numbered = numbered();
        MigrationDir first = folder("first", numbered, 7);
        MigrationDir all = folder("all", numbered, 14);

        PrismaCli.Run deployed = prisma("deploy", first);
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("All migrations have been successfully applied.");

        DeployResult result = migrator(all).deploy();
        assertThat(result.alreadyApplied()).isEqualTo(7);
        assertThat(result.applied()).extracting(a -> a.name()).containsExactly(
                "08_add_locale", "09_role_moderator", "10_add_bio", "11_add_last_seen", "12_posts", "13_post_index",
                "14_add_deleted_at");

        PrismaCli.Run status = prisma("status", all);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("14 migrations found in ", UP_TO_DATE);
        assertThat(migrator(all).status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        migrator(all).validate();
        assertThat(db.column("SELECT migration_name || ' ' || applied_steps_count FROM _prisma_migrations"
                + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1"))
                .as("Prisma counts one step per migration, the library the statements it ran")
                .containsExactly("01_init 1", "02_add_name 1", "03_add_created_at 1", "04_name_index 1", "05_add_role 1",
                        "06_add_active 1", "07_add_score 1", "08_add_locale 1", "09_role_moderator 7", "10_add_bio 1",
                        "11_add_last_seen 1", "12_posts 2", "13_post_index 1", "14_add_deleted_at 1");
        assertThat(db.column("SELECT enum_range(NULL::\"Role\")::text")).containsExactly("{USER,MODERATOR,ADMIN}");
    }

    @Test
    void theLibraryAppliesAnAllZeroSquashAndPrismaTheTimestampedRest() throws Exception {
        Map<String, String> mixed = new LinkedHashMap<>();
        mixed.put("00000000000000_initial_setup", INIT);
        mixed.put("20250101000000_add_name", "-- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"name\" TEXT;\n");
        mixed.put("20250102000000_add_created_at",
                "-- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;\n");
        mixed.put("20250103000000_name_index", "-- CreateIndex\nCREATE INDEX \"account_name_idx\" ON \"account\"(\"name\");\n");
        MigrationDir first = folder("first", mixed, 2);
        MigrationDir all = folder("all", mixed, 4);

        assertThat(migrator(first).deploy().applied()).hasSize(2);

        PrismaCli.Run deployed = prisma("deploy", all);
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("4 migrations found in ")
                .contains("20250102000000_add_created_at", "20250103000000_name_index")
                .doesNotContain("00000000000000_initial_setup", "20250101000000_add_name");
        PrismaCli.Run status = prisma("status", all);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains(UP_TO_DATE);

        StatusReport report = migrator(all).status();
        assertThat(report.verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(report.migrations()).extracting(m -> m.name() + " " + m.state()).containsExactly(
                "00000000000000_initial_setup APPLIED", "20250101000000_add_name APPLIED",
                "20250102000000_add_created_at APPLIED", "20250103000000_name_index APPLIED");
        assertThat(migrator(all).deploy().applied()).isEmpty();
    }

    @Test
    void prismaBaselinesZeroInitAndTheLibraryDeploysTheRest() throws Exception {
        db.execute(INIT); // the database that existed before migrations were introduced
        MigrationDir all = folder("all", baselined(), 3);

        PrismaCli.Run resolved = prisma("resolve", all, "--applied", "0_init");
        assertThat(resolved.exitCode()).as(resolved.output()).isZero();
        assertThat(resolved.output()).contains("Migration 0_init marked as applied.");

        StatusReport before = migrator(all).status();
        assertThat(before.migrations()).extracting(m -> m.name() + " " + m.state()).containsExactly(
                "0_init APPLIED", "20250101000000_add_name PENDING", "20250102000000_name_index PENDING");
        assertThat(migrator(all).deploy().applied()).extracting(a -> a.name())
                .containsExactly("20250101000000_add_name", "20250102000000_name_index");

        PrismaCli.Run status = prisma("status", all);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("3 migrations found in ", UP_TO_DATE);
        migrator(all).validate();
    }

    @Test
    void theLibraryBaselinesZeroInitAndPrismaDeploysTheRest() throws Exception {
        db.execute(INIT);
        MigrationDir all = folder("all", baselined(), 3);

        assertThat(migrator(all).baseline("0_init")).containsExactly("0_init");

        // Had Prisma not taken the library's row for 0_init, it would run it and fail: the tables exist.
        PrismaCli.Run deployed = prisma("deploy", all);
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("20250101000000_add_name", "20250102000000_name_index",
                "All migrations have been successfully applied.");
        assertThat(migrator(all).status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'account' ORDER BY 1"))
                .containsExactly("email", "id", "name");
    }

    @Test
    void aMigrationThatFailedUnderPrismaIsResolvedByTheLibrary() throws Exception {
        MigrationDir broken = new MigrationDir(dir.resolve("broken")).add("01_init", INIT)
                .add("02_add_name", "-- AlterTable\nALTER TABLE \"acount\" ADD COLUMN \"name\" TEXT;\n")
                .add("03_name_index", "-- CreateIndex\nCREATE INDEX \"account_name_idx\" ON \"account\"(\"name\");\n");
        lock(broken);

        PrismaCli.Run deployed = prisma("deploy", broken);
        assertThat(deployed.exitCode()).as(deployed.output()).isOne();
        assertThat(deployed.output()).contains("02_add_name", "acount");
        assertThat(db.column("SELECT migration_name || ' ' || (finished_at IS NULL) || ' ' || (rolled_back_at IS NULL)"
                + " FROM _prisma_migrations ORDER BY 1")).as("what Prisma leaves: the row neither finished nor rolled back")
                .containsExactly("01_init false true", "02_add_name true true");

        Migrator migrator = migrator(broken);
        StatusReport report = migrator.status();
        assertThat(report.verdict()).isEqualTo(StatusReport.Verdict.PROBLEMS);
        assertThat(report.migrations()).extracting(m -> m.name() + " " + m.state()).containsExactly(
                "01_init APPLIED", "02_add_name FAILED", "03_name_index PENDING");
        assertThat(report.in(MigrationState.FAILED).get(0).lastError()).as("Prisma's logs").contains("acount");
        assertThatThrownBy(migrator::deploy).isInstanceOf(ValidationException.class)
                .hasMessageContaining("FAILED_MIGRATION_PRESENT 02_add_name");

        broken.add("02_add_name", "-- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"name\" TEXT;\n");
        migrator.resolveRolledBack("02_add_name");
        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactly("02_add_name", "03_name_index");

        PrismaCli.Run status = prisma("status", broken);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains(UP_TO_DATE);
    }

    @Test
    void aMigrationThatFailedUnderTheLibraryIsResolvedByPrisma() throws Exception {
        // Non-transactional: the table is created, then the index fails, so the row stays failed.
        String typo = "-- CreateTable\nCREATE TABLE \"audit\" (\"id\" SERIAL NOT NULL, \"at\" TIMESTAMP(3) NOT NULL,"
                + " CONSTRAINT \"audit_pkey\" PRIMARY KEY (\"id\"));\n\n"
                + "-- CreateIndex\nCREATE INDEX CONCURRENTLY \"audit_at_idx\" ON \"audit\"(\"atx\");\n";
        MigrationDir broken = new MigrationDir(dir.resolve("broken")).add("01_init", INIT).add("02_audit", typo);
        lock(broken);
        Migrator migrator = migrator(broken);
        assertThatThrownBy(migrator::deploy).hasMessageContaining("column \"atx\" does not exist");
        assertThat(migrator.status().in(MigrationState.FAILED)).extracting(m -> m.name()).containsExactly("02_audit");

        PrismaCli.Run failed = prisma("status", broken);
        assertThat(failed.exitCode()).as(failed.output()).isOne();
        assertThat(failed.output()).contains("Following migration have failed:\n02_audit");

        // The operator removes what the failed attempt left, then tells Prisma it was rolled back.
        db.execute("DROP TABLE \"audit\"");
        PrismaCli.Run resolved = prisma("resolve", broken, "--rolled-back", "02_audit");
        assertThat(resolved.exitCode()).as(resolved.output()).isZero();
        assertThat(resolved.output()).contains("Migration 02_audit marked as rolled back.");

        broken.add("02_audit", typo.replace("\"atx\"", "\"at\""));
        StatusReport report = migrator.status();
        assertThat(report.migrations()).extracting(m -> m.name() + " " + m.state())
                .containsExactly("01_init APPLIED", "02_audit ROLLED_BACK");
        assertThat(migrator.deploy().applied()).extracting(a -> a.name()).containsExactly("02_audit");
        assertThat(migrator.status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE tablename = 'audit' ORDER BY 1"))
                .containsExactly("audit_at_idx", "audit_pkey");
    }

    @Test
    void aMigrationTheLibraryRolledBackIsRunAgainByPrisma() throws Exception {
        MigrationDir broken = lock(new MigrationDir(dir.resolve("broken")).add("01_init", INIT)
                .add("02_add_name", "-- AlterTable\nALTER TABLE \"acount\" ADD COLUMN \"name\" TEXT;\n"));
        Migrator migrator = migrator(broken);
        assertThatThrownBy(migrator::deploy).hasMessageContaining("relation \"acount\" does not exist");
        assertThat(migrator.status().migrations()).extracting(m -> m.name() + " " + m.state())
                .containsExactly("01_init APPLIED", "02_add_name ROLLED_BACK");

        broken.add("02_add_name", "-- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"name\" TEXT;\n");
        PrismaCli.Run deployed = prisma("deploy", broken);
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(deployed.output()).contains("02_add_name", "All migrations have been successfully applied.")
                .doesNotContain("01_init");
        assertThat(migrator.status().verdict()).isEqualTo(StatusReport.Verdict.UP_TO_DATE);
        assertThat(db.column("SELECT migration_name || ' ' || (finished_at IS NOT NULL) || ' ' || (rolled_back_at IS NOT NULL)"
                + " FROM _prisma_migrations ORDER BY migration_name, started_at")).containsExactly(
                "01_init true false", "02_add_name false true", "02_add_name true false");
    }

    private static final String INIT = """
            -- CreateTable
            CREATE TABLE "account" (
                "id" SERIAL NOT NULL,
                "email" TEXT NOT NULL,

                CONSTRAINT "account_pkey" PRIMARY KEY ("id")
            );

            -- CreateIndex
            CREATE UNIQUE INDEX "account_email_key" ON "account"("email");
            """;

    /** Fourteen migrations named 01_ to 14_, as some projects number them, in the shapes Prisma generates. */
    private static Map<String, String> numbered() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("01_init", INIT);
        m.put("02_add_name", addColumn("name", "TEXT"));
        m.put("03_add_created_at", addColumn("createdAt", "TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP"));
        m.put("04_name_index", "-- CreateIndex\nCREATE INDEX \"account_name_idx\" ON \"account\"(\"name\");\n");
        m.put("05_add_role", "-- CreateEnum\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n\n"
                + addColumn("role", "\"Role\" NOT NULL DEFAULT 'USER'"));
        m.put("06_add_active", addColumn("active", "BOOLEAN NOT NULL DEFAULT true"));
        m.put("07_add_score", addColumn("score", "INTEGER NOT NULL DEFAULT 0"));
        m.put("08_add_locale", addColumn("locale", "VARCHAR(8)"));
        m.put("09_role_moderator", """
                -- AlterEnum
                BEGIN;
                CREATE TYPE "Role_new" AS ENUM ('USER', 'MODERATOR', 'ADMIN');
                ALTER TABLE "account" ALTER COLUMN "role" DROP DEFAULT;
                ALTER TABLE "account" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
                ALTER TYPE "Role" RENAME TO "Role_old";
                ALTER TYPE "Role_new" RENAME TO "Role";
                DROP TYPE "Role_old";
                ALTER TABLE "account" ALTER COLUMN "role" SET DEFAULT 'USER';
                COMMIT;
                """);
        m.put("10_add_bio", addColumn("bio", "TEXT"));
        m.put("11_add_last_seen", addColumn("lastSeen", "TIMESTAMP(3)"));
        m.put("12_posts", """
                -- CreateTable
                CREATE TABLE "post" (
                    "id" SERIAL NOT NULL,
                    "title" TEXT NOT NULL,
                    "authorId" INTEGER NOT NULL,

                    CONSTRAINT "post_pkey" PRIMARY KEY ("id")
                );

                -- AddForeignKey
                ALTER TABLE "post" ADD CONSTRAINT "post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
                """);
        m.put("13_post_index", "-- CreateIndex\nCREATE INDEX \"post_authorId_idx\" ON \"post\"(\"authorId\");\n");
        m.put("14_add_deleted_at", addColumn("deletedAt", "TIMESTAMP(3)"));
        return m;
    }

    /** Prisma's documented baseline: 0_init describes the schema that existed, later migrations are timestamped. */
    private static Map<String, String> baselined() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0_init", INIT);
        m.put("20250101000000_add_name", addColumn("name", "TEXT"));
        m.put("20250102000000_name_index", "-- CreateIndex\nCREATE INDEX \"account_name_idx\" ON \"account\"(\"name\");\n");
        return m;
    }

    private static String addColumn(String column, String type) {
        return "-- AlterTable\nALTER TABLE \"account\" ADD COLUMN \"" + column + "\" " + type + ";\n";
    }

    /** The first {@code count} migrations of a set, in a folder of their own with Prisma's lock file. */
    private MigrationDir folder(String name, Map<String, String> migrations, int count) {
        MigrationDir folder = new MigrationDir(dir.resolve(name));
        migrations.entrySet().stream().limit(count).forEach(e -> folder.add(e.getKey(), e.getValue()));
        return lock(folder);
    }

    private static MigrationDir lock(MigrationDir folder) {
        return folder.file("migration_lock.toml", "# Please do not edit this file manually\n"
                + "# It should be added in your version-control system (e.g., Git)\nprovider = \"postgresql\"\n");
    }

    private Migrator migrator(MigrationDir migrations) {
        return Migrator.configure(db.dataSource()).locations(migrations.location()).table("_prisma_migrations");
    }

    private PrismaCli.Run prisma(String command, MigrationDir migrations, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "migrate";
        all[1] = command;
        System.arraycopy(args, 0, all, 2, args.length);
        return prisma.run(db.url(), db.server().user(), db.server().password(), migrations.root(), all);
    }
}
