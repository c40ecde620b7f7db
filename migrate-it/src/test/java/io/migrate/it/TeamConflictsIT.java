package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two developers, two branches: missing and out-of-order migrations are explained; migrations.sum makes them conflict. */
class TeamConflictsIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private MigrationDir migrations() {
        return new MigrationDir(dir.resolve("db"));
    }

    private Migrator migrator() throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE users (id int); CREATE TABLE posts (id int);");
        return Migrator.configure(db.dataSource()).locations("filesystem:" + dir.resolve("db"))
                .schemaFile("filesystem:" + dir.resolve("schema.sql"));
    }

    @Test
    void aMigrationAppliedFromAnotherBranchIsNamedWithTheWayOut() throws Exception {
        migrations().add("20260101000000_users", "CREATE TABLE users (id int);")
                .add("20260102000000_theirs", "CREATE TABLE posts (id int);");
        migrator().deploy();
        migrations().delete("20260102000000_theirs");

        assertThatThrownBy(() -> migrator().validate())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_MISSING))
                .hasMessageContaining("  - MIGRATION_MISSING 20260102000000_theirs: applied ")
                .hasMessageEndingWith("\nA migration applied here but missing on disk usually comes from another branch (a branch"
                        + " switch): check out or merge the branch that has it; for a development database you can also"
                        + " reset() it to the migrations of this branch.");
        assertThatThrownBy(() -> migrator().createMigration("mine"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("usually comes from another branch");
    }

    @Test
    void aMergedMigrationThatSortsBeforeTheNewestAppliedOneIsNamedWithBothFixes() throws Exception {
        migrations().add("20260101000000_users", "CREATE TABLE users (id int);")
                .add("20260103000000_mine", "CREATE TABLE posts (id int);");
        migrator().deploy();
        migrations().add("20260102000000_theirs", "SELECT 1;");

        assertThatThrownBy(() -> migrator().validate())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_ORDER))
                .hasMessageEndingWith("\nAfter merging a branch whose migrations are older than ones already applied here:"
                        + " rename each out-of-order folder to a later timestamp (it has not reached any shared database yet),"
                        + " or keep the names and deploy with outOfOrder(true).");
        assertThat(migrator().outOfOrder(true).createMigration("nothing").alreadyInSync()).isTrue();
    }

    @Test
    void migrationsSumListsEachFolderAndCatchesEditsAndUnlistedFolders() throws Exception {
        migrations().add("20260101000000_users", "CREATE TABLE users (id int);");
        Migrator migrator = migrator().integrityFile(true);
        String first = migrator.createEmpty("backfill").name().orElseThrow();
        Path sum = dir.resolve("db/migrations.sum");
        String text = Files.readString(sum);
        assertThat(text.lines().filter(l -> !l.startsWith("#")).toList()).satisfiesExactly(
                l -> assertThat(l).matches("20260101000000_users [0-9a-f]{64}"),
                l -> assertThat(l).matches(first + " [0-9a-f]{64}"),
                l -> assertThat(l).matches("total [0-9a-f]{64}"));
        migrator.validate();

        String second = migrator().createEmpty("more").name().orElseThrow();
        assertThat(Files.readString(sum)).as("kept up to date once it exists").contains(second + " ");
        migrator().validate();

        Files.writeString(dir.resolve("db").resolve(first).resolve("migration.sql"), "SELECT 2;");
        migrations().add("29990101000000_unlisted", "SELECT 3;");
        assertThatThrownBy(() -> migrator().validate())
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH))
                .hasMessageStartingWith("[INTEGRITY_MISMATCH] filesystem:" + dir.resolve("db") + "/migrations.sum does not"
                        + " match the migration folders beside it:\n")
                .hasMessageContaining(first + ": migration.sql has checksum ")
                .hasMessageContaining("  - 29990101000000_unlisted: a migration folder that migrations.sum does not list"
                        + " (added by hand, or merged from another branch)\n")
                .hasMessageEndingWith("If a branch merge brought new migrations, rename yours to sort after theirs (a later"
                        + " timestamp) and run writeIntegrityFile(); if a migration was edited by mistake, restore it from"
                        + " version control");
        assertThatThrownBy(() -> migrator().deploy()).hasMessageStartingWith("[INTEGRITY_MISMATCH]");

        migrator().writeIntegrityFile();
        migrator().validate();
    }

    @Test
    void withoutTheFileNothingIsWrittenOrChecked() throws Exception {
        migrations().add("20260101000000_users", "CREATE TABLE users (id int);");
        migrator().createEmpty("hand");
        assertThat(dir.resolve("db/migrations.sum")).doesNotExist();
    }
}
