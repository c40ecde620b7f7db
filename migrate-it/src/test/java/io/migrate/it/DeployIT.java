package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeployIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void appliesPendingMigrationsInNameOrderAndRecordsThemLikePrisma() throws Exception {
        String first = "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n";
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260102000000_posts", "CREATE TABLE posts (id serial PRIMARY KEY, author int REFERENCES users(id));")
                .add("20260101000000_users", first);

        DeployResult result = Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();

        assertThat(result.applied()).extracting(a -> a.name())
                .containsExactly("20260101000000_users", "20260102000000_posts");
        assertThat(result.applied()).allSatisfy(a -> {
            assertThat(a.transactional()).isTrue();
            assertThat(a.statements()).isEqualTo(1);
        });
        assertThat(result.alreadyApplied()).isZero();
        assertThat(db.tableExists("posts")).isTrue();

        List<Map<String, String>> rows = db.query("SELECT * FROM _migrations ORDER BY migration_name");
        assertThat(rows).hasSize(2);
        Map<String, String> row = rows.get(0);
        assertThat(row.keySet()).containsExactlyInAnyOrder("id", "checksum", "finished_at", "migration_name", "logs",
                "rolled_back_at", "started_at", "applied_steps_count");
        assertThat(row.get("migration_name")).isEqualTo("20260101000000_users");
        assertThat(row.get("checksum")).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(first.getBytes(StandardCharsets.UTF_8))));
        assertThat(row.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(row.get("rolled_back_at")).isNull();
        assertThat(row.get("logs")).isNull();
        assertThat(row.get("applied_steps_count")).isEqualTo("1");
    }

    @Test
    void secondDeployFindsNothingPendingAndALaterOneAppliesOnlyTheNewMigration() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());
        migrator.deploy();

        DeployResult again = migrator.deploy();
        assertThat(again.upToDate()).isTrue();
        assertThat(again.alreadyApplied()).isEqualTo(1);
        assertThat(again.toString()).startsWith("No pending migrations: 1 already applied");

        migrations.add("20260102000000_b", "INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);");
        DeployResult third = migrator.deploy();
        assertThat(third.applied()).extracting(a -> a.name()).containsExactly("20260102000000_b");
        assertThat(third.applied().get(0).statements()).isEqualTo(2);
        assertThat(db.column("SELECT count(*) FROM a")).containsExactly("2");
        assertThat(db.column("SELECT count(*) FROM _migrations")).containsExactly("2");
    }

    @Test
    void mergesSeveralLocationsAndRejectsTheSameNameInTwo(@TempDir Path other) throws Exception {
        MigrationDir a = new MigrationDir(dir).add("20260101000000_one", "CREATE TABLE one (id int);");
        MigrationDir b = new MigrationDir(other).add("20260102000000_two", "CREATE TABLE two (id int);");

        DeployResult result = Migrator.configure(db.dataSource()).locations(b.location(), a.location()).deploy();
        assertThat(result.applied()).extracting(x -> x.name()).containsExactly("20260101000000_one", "20260102000000_two");

        b.add("20260101000000_one", "CREATE TABLE one_again (id int);");
        assertThatThrownBy(() -> Migrator.configure(db.dataSource()).locations(a.location(), b.location()).deploy())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("[DUPLICATE_MIGRATION] Migration 20260101000000_one exists twice: ")
                .hasMessageContaining(dir.resolve("20260101000000_one").toString())
                .hasMessageContaining(other.resolve("20260101000000_one").toString());
    }

    @Test
    void readsClassPathDirectoriesByDefaultFromClasspathDb() throws Exception {
        DeployResult result = Migrator.configure(db.dataSource()).deploy();

        assertThat(result.applied()).extracting(a -> a.name())
                .containsExactly("20260101000000_init", "20260102000000_add_email");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts' ORDER BY 1"))
                .containsExactly("email", "id", "name");
    }

    @Test
    void aLocationThatDoesNotExistIsAnErrorBeforeAnyConnectionIsOpened() {
        assertThatThrownBy(() -> Migrator.configure(Unusable.dataSource()).locations("classpath:no/such/dir").deploy())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("[LOCATION_NOT_FOUND] Location classpath:no/such/dir does not exist")
                .extracting(e -> ((MigrationException) e).code()).isEqualTo(ErrorCode.LOCATION_NOT_FOUND);
        assertThatThrownBy(() -> Migrator.configure(Unusable.dataSource()).locations("filesystem:" + dir.resolve("nope")).deploy())
                .hasMessageStartingWith("[LOCATION_NOT_FOUND] Location filesystem:" + dir.resolve("nope") + " does not exist");
    }

    @Test
    void schemaSettingCreatesTheSchemaAndRunsMigrationsInIt() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_t", "CREATE TABLE t (id int);");

        Migrator.configure(db.dataSource()).locations(migrations.location()).schema("app").deploy();

        assertThat(db.column("SELECT schemaname FROM pg_tables WHERE tablename IN ('t', '_migrations') ORDER BY 1"))
                .containsExactly("app", "app");
        assertThat(db.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).containsExactly("0");
    }

    @Test
    void anEmptyMigrationIsAllowedAndRecorded() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_nothing", "-- nothing to do yet\n");

        DeployResult result = Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();

        assertThat(result.applied()).singleElement().satisfies(a -> assertThat(a.statements()).isZero());
        assertThat(db.column("SELECT migration_name FROM _migrations WHERE finished_at IS NOT NULL"))
                .containsExactly("20260101000000_nothing");
    }

    @Test
    void aByteOrderMarkIsIgnoredButTheChecksumCoversTheFileAsStored() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] sql = "CREATE TABLE bom (id int);".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + sql.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(sql, 0, file, bom.length, sql.length);
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_bom", file);

        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();

        assertThat(db.tableExists("bom")).isTrue();
        assertThat(db.column("SELECT checksum FROM _migrations")).containsExactly(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
    }
}
