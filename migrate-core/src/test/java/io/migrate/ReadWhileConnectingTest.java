package io.migrate;

import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deploy reads the locations while it connects. What a user relies on: a problem in the files is
 * what is reported, whatever the database does; nothing is sent on a connection made for files that
 * turn out to be bad; and the connection is asked for on the caller's thread, where a data source
 * may keep what chooses the database.
 */
class ReadWhileConnectingTest {

    @TempDir
    Path dir;

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Thread> askedOn = new CopyOnWriteArrayList<>();

    private DataSource dataSource(boolean reachable) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    askedOn.add(Thread.currentThread());
                    if (!reachable) {
                        throw new SQLException("Connection to 127.0.0.1:1 refused", "08001");
                    }
                    return connection();
                });
    }

    /** A connection that records every call made on it. */
    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new SQLException("nothing may be sent in this test");
                });
    }

    private String badLocation() throws Exception {
        Files.createDirectories(dir.resolve("20260101000000_init"));
        Files.writeString(dir.resolve("20260101000000_init/notes.txt"), "the script went missing\n");
        return "filesystem:" + dir;
    }

    @Test
    void badFilesAreReportedEvenWhenTheDatabaseCannotBeReached() throws Exception {
        String location = badLocation();
        assertThatThrownBy(() -> Migrator.configure(dataSource(false)).locations(location).deploy())
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_MIGRATION_NAME);
                    assertThat(e.getMessage()).contains("20260101000000_init has no migration.sql");
                    // The connection's failure is not lost: it travels with the files' problem.
                    assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(MigrationException.class,
                            c -> assertThat(c.code()).isEqualTo(ErrorCode.CONNECTION_FAILED));
                });
    }

    @Test
    void aConnectionMadeForBadFilesIsClosedWithNothingSent() throws Exception {
        String location = badLocation();
        assertThatThrownBy(() -> Migrator.configure(dataSource(true)).locations(location).deploy())
                .isInstanceOfSatisfying(InvalidMigrationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_MIGRATION_NAME));
        assertThat(calls).containsExactly("close");
    }

    @Test
    void theConnectionIsAskedForOnTheCallersThread() throws Exception {
        Files.createDirectories(dir.resolve("20260101000000_init"));
        Files.writeString(dir.resolve("20260101000000_init/migration.sql"), "CREATE TABLE t (id int);\n");
        assertThatThrownBy(() -> Migrator.configure(dataSource(false)).locations("filesystem:" + dir).deploy())
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("Connection to 127.0.0.1:1 refused");
                });
        assertThat(askedOn).containsExactly(Thread.currentThread());
    }
}
