package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ValidationIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void editedAndDeletedAppliedMigrationsStopTheDeployListingEveryOneWithChecksums() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_a", "CREATE TABLE a (id int);")
                .add("20260102000000_b", "CREATE TABLE b (id int);")
                .add("20260103000000_c", "CREATE TABLE c (id int);");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());
        migrator.deploy();
        String oldA = db.column("SELECT checksum FROM _migrations WHERE migration_name = '20260101000000_a'").get(0);

        migrations.add("20260101000000_a", "CREATE TABLE a (id bigint);")
                .add("20260102000000_b", "CREATE TABLE b (id bigint);")
                .delete("20260103000000_c")
                .add("20260104000000_d", "CREATE TABLE d (id int);");

        ValidationException e = catchThrowableOfType(ValidationException.class, migrator::deploy);

        assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
        assertThat(e.problems()).extracting(ValidationException.Problem::code, ValidationException.Problem::migration)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.CHECKSUM_MISMATCH, "20260101000000_a"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.CHECKSUM_MISMATCH, "20260102000000_b"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.MIGRATION_MISSING, "20260103000000_c"));
        assertThat(e.getMessage())
                .contains("CHECKSUM_MISMATCH 20260101000000_a: applied with checksum " + oldA + ", but ")
                .contains("MIGRATION_MISSING 20260103000000_c: applied ")
                .contains("restore the file as it was and put the change in a new migration");
        assertThat(db.tableExists("d")).as("nothing runs while history and disk disagree").isFalse();

        assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).validateApplied(false).deploy().applied())
                .extracting(a -> a.name()).containsExactly("20260104000000_d");
    }

    @Test
    void aFileWhoseLineEndingsChangedIsNotAnEdit() throws Exception {
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (\n  id int\n);\n");
        Migrator migrator = Migrator.configure(db.dataSource()).locations(migrations.location());
        migrator.deploy();

        migrations.add("20260101000000_a", "CREATE TABLE a (\r\n  id int\r\n);\r\n");
        assertThat(migrator.deploy().upToDate()).isTrue();

        db.execute("UPDATE _migrations SET checksum = encode(sha256(convert_to(E'CREATE TABLE a (\\r\\n  id int\\r\\n);\\r\\n', 'UTF8')), 'hex')");
        migrations.add("20260101000000_a", "CREATE TABLE a (\n  id int\n);\n");
        assertThat(migrator.deploy().upToDate()).isTrue();
    }

    @Test
    void aPendingMigrationOlderThanTheNewestAppliedIsOutOfOrderUnlessAllowed() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_a", "CREATE TABLE a (id int);")
                .add("20260103000000_c", "CREATE TABLE c (id int);");
        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();
        migrations.add("20260102000000_b_from_other_branch", "CREATE TABLE b (id int);");

        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());
        assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_ORDER);
        assertThat(e.getMessage()).contains("OUT_OF_ORDER 20260102000000_b_from_other_branch: is pending but sorts before"
                + " 20260103000000_c, which is already applied");
        assertThat(db.tableExists("b")).isFalse();

        assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).outOfOrder(true).deploy().applied())
                .extracting(a -> a.name()).containsExactly("20260102000000_b_from_other_branch");
    }
}
