package io.migrate.internal.source;

import io.migrate.api.InvalidMigrationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(System.currentTimeMillis() - 600_000);

    @TempDir
    Path dir;

    private List<Location> locations;

    @BeforeEach
    void twoMigrations() throws IOException {
        locations = List.of(Location.parse("filesystem:" + dir));
        write("20260101000000_a", "CREATE TABLE a (id int);\n");
        write("20260102000000_b", "CREATE TABLE b (id int);\n");
        settle();
    }

    private MigrationReader.Contents read() {
        return MigrationReader.read(locations, getClass().getClassLoader());
    }

    private List<String> names() {
        return read().migrations().stream().map(Migration::name).toList();
    }

    private Path write(String folder, String sql) throws IOException {
        return Files.writeString(Files.createDirectories(dir.resolve(folder)).resolve("migration.sql"), sql);
    }

    /** Every file and directory as if last changed ten minutes ago, so that their times can vouch for them. */
    private void settle() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, LONG_AGO);
            }
        }
    }

    @Test
    void aRepeatReadOfUnchangedDirectoriesGivesTheSameContentsWithoutListingThem() throws IOException {
        MigrationReader.Contents first = read();
        assertThat(read()).isSameAs(first);

        // A folder added behind the directory's back (its time put back) is not listed again: the
        // directory's time is what says whether anything was added.
        write("20260103000000_c", "CREATE TABLE c (id int);\n");
        settle();
        assertThat(names()).containsExactly("20260101000000_a", "20260102000000_b");
    }

    @Test
    void anAddedFolderChangesTheDirectoryAndIsFound() throws IOException {
        read();
        write("20260103000000_c", "CREATE TABLE c (id int);\n");
        assertThat(names()).containsExactly("20260101000000_a", "20260102000000_b", "20260103000000_c");
    }

    @Test
    void aRemovedOrRenamedFolderIsSeen() throws IOException {
        read();
        Files.move(dir.resolve("20260102000000_b"), dir.resolve("20260109000000_b"));
        assertThat(names()).containsExactly("20260101000000_a", "20260109000000_b");
        settle();
        read();
        Files.delete(dir.resolve("20260109000000_b/migration.sql"));
        Files.delete(dir.resolve("20260109000000_b"));
        assertThat(names()).containsExactly("20260101000000_a");
    }

    @Test
    void anEditedScriptIsReadAgain() throws IOException {
        MigrationReader.Contents first = read();
        write("20260101000000_a", "CREATE TABLE a (id bigint);\n");
        MigrationReader.Contents again = read();
        assertThat(again).isNotSameAs(first);
        assertThat(again.migrations().get(0).script()).isEqualTo("CREATE TABLE a (id bigint);\n");
    }

    @Test
    void aScriptDeletedFromItsFolderIsAnErrorAgain() throws IOException {
        read();
        Path script = dir.resolve("20260102000000_b/migration.sql");
        Files.delete(script);
        // The folder's own time changed, not the location's: the script's stamp is what notices.
        Files.setLastModifiedTime(dir, LONG_AGO);
        assertThatThrownBy(this::read).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("has no migration.sql");
    }

    @Test
    void filesBesideTheFoldersAreStampedToo() throws IOException {
        Files.writeString(dir.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        settle();
        assertThat(read().provider()).map(MigrationReader.Provider::name).contains("postgresql");
        // Edited in place: the directory's time does not change, the file's does.
        Files.writeString(dir.resolve("migration_lock.toml"), "provider = \"mysql\"\n");
        assertThat(read().provider()).map(MigrationReader.Provider::name).contains("mysql");
    }

    @Test
    void justModifiedDirectoriesAreNotTrustedByTheirTime() throws IOException {
        write("20260103000000_c", "CREATE TABLE c (id int);\n");
        FileTime now = Files.getLastModifiedTime(dir);
        MigrationReader.Contents first = read();
        // Another folder within the same tick of the clock: a remembered read would miss it.
        write("20260104000000_d", "CREATE TABLE d (id int);\n");
        Files.setLastModifiedTime(dir, now);
        assertThat(read()).isNotSameAs(first);
        assertThat(names()).hasSize(4);
    }

    @Test
    void classpathDirectoriesAreRememberedPerClassLoaderAndRoots() throws IOException {
        Path root = Files.createDirectories(dir.resolve("classes"));
        Path db = Files.createDirectories(root.resolve("db/20260101000000_a"));
        Files.writeString(db.resolve("migration.sql"), "CREATE TABLE a (id int);\n");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, LONG_AGO);
            }
        }
        List<Location> classpath = List.of(Location.parse("classpath:db"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{root.toUri().toURL()}, null);
             URLClassLoader other = new URLClassLoader(new URL[]{root.toUri().toURL()}, null)) {
            MigrationReader.Contents first = MigrationReader.read(classpath, loader);
            assertThat(first.migrations()).hasSize(1);
            assertThat(MigrationReader.read(classpath, loader)).isSameAs(first);
            assertThat(MigrationReader.read(classpath, other)).isNotSameAs(first);
        }
    }
}
