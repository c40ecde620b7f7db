package io.migrate.it;

import io.migrate.Migrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class LocationContentsIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @TempDir
    Path dir;

    @Test
    void sqlFilesBesideTheMigrationFoldersAreNamedInOneWarning() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_init", "CREATE TABLE a (id int);")
                .file("V1__init.sql", "CREATE TABLE v1 (id int);")
                .file("V2__more.SQL", "CREATE TABLE v2 (id int);")
                .file("seed.sql", "INSERT INTO a VALUES (1);")
                .file("README.md", "notes");

        assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).deploy().applied()).hasSize(1);

        assertThat(logs.lines()).filteredOn(line -> line.startsWith("WARN")).containsExactly("WARN Ignored V1__init.sql,"
                + " V2__more.SQL in " + migrations.location() + ": a migration is a folder holding migration.sql (e.g."
                + " 20260101000000_V1__init/migration.sql); move each script into a folder of its own");
        assertThat(db.tableExists("v1")).isFalse();
    }

    @Test
    void aFolderNamedInDecomposedUnicodeIsTheSameMigrationAsItsComposedForm() throws Exception {
        String composed = "20260101000000_caf\u00e9";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        Path nfc = dir.resolve("nfc");
        Path nfd = dir.resolve("nfd");
        new MigrationDir(nfc).add(composed, "CREATE TABLE cafe (id int);");
        MigrationDir fromNfd = new MigrationDir(nfd).add(decomposed, "CREATE TABLE cafe (id int);")
                .add("20260102000000_next", "CREATE TABLE next_table (id int);");

        Migrator.configure(db.dataSource()).locations("filesystem:" + nfc).deploy();
        assertThat(Migrator.configure(db.dataSource()).locations(fromNfd.location()).deploy().applied())
                .extracting(a -> a.name()).containsExactly("20260102000000_next");

        assertThat(db.column("SELECT migration_name FROM _migrations ORDER BY migration_name"))
                .containsExactly(composed, "20260102000000_next");
    }
}
