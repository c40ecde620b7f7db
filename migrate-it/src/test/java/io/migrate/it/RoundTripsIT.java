package io.migrate.it;

import io.migrate.Migrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often a deploy waits for the server, counted on the driver's socket: a round trip is a flush
 * followed by a read. On a busy server, or one across a network, every round trip costs more than
 * what is sent in it.
 */
class RoundTripsIT {

    /** Round trips on every socket made by {@link Counting}, since the JVM started. */
    private static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aDeployWithNothingToDoWaitsTwiceAfterConnecting() throws Exception {
        MigrationDir migrations = migrations(5, 2);
        Migrator.configure(db.dataSource()).locations(migrations.location()).deploy();

        CountingDataSource counted = new CountingDataSource(db);
        assertThat(Migrator.configure(counted).locations(migrations.location()).deploy().applied()).isEmpty();

        assertThat(counted.afterConnecting()).as("the current schema, then the history with its lock wait bound")
                .isEqualTo(2);
    }

    @Test
    void eachMigrationWaitsTwiceBesidesItsStatements() throws Exception {
        int few = deployCounted(2);
        db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        int many = deployCounted(6);

        assertThat(many - few).as("4 migrations more, each: 3 statements, the history row with the commit, the"
                + " session reset").isEqualTo(4 * (3 + 2));
    }

    private int deployCounted(int count) throws SQLException {
        CountingDataSource counted = new CountingDataSource(db);
        Migrator.configure(counted).locations(migrations(count, 3).location()).deploy();
        assertThat(db.column("SELECT count(*) FROM _migrations WHERE finished_at IS NOT NULL"))
                .containsExactly(String.valueOf(count));
        return counted.afterConnecting();
    }

    private MigrationDir migrations(int count, int statements) {
        MigrationDir migrations = new MigrationDir(dir.resolve("m" + count));
        for (int i = 1; i <= count; i++) {
            StringBuilder sql = new StringBuilder();
            for (int s = 1; s <= statements; s++) {
                sql.append("CREATE TABLE t").append(i).append('_').append(s).append(" (id int);\n");
            }
            migrations.add(String.format("202601%02d000000_m%d", i, i), sql.toString());
        }
        return migrations;
    }

    /** The test database through a socket that counts, minus what opening each connection took. */
    private static final class CountingDataSource extends PGSimpleDataSource {

        private final AtomicInteger opening = new AtomicInteger();
        private final int start = ROUND_TRIPS.get();

        CountingDataSource(TestDatabase db) throws SQLException {
            setURL(db.url());
            setUser(db.user());
            if (db.password() != null) {
                setPassword(db.password());
            }
            setSocketFactory(Counting.class.getName());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            int before = ROUND_TRIPS.get();
            Connection connection = super.getConnection(user, password);
            opening.addAndGet(ROUND_TRIPS.get() - before);
            return connection;
        }

        int afterConnecting() {
            return ROUND_TRIPS.get() - start - opening.get();
        }
    }

    /** pgjdbc's socketFactory: plain sockets whose streams count round trips. */
    public static final class Counting extends SocketFactory {

        @Override
        public Socket createSocket() {
            return new Socket() {
                private volatile boolean flushed;
                private OutputStream out;
                private InputStream in;

                @Override
                public synchronized OutputStream getOutputStream() throws IOException {
                    if (out == null) {
                        out = new FilterOutputStream(super.getOutputStream()) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                this.out.write(b, off, len);
                            }

                            @Override
                            public void flush() throws IOException {
                                flushed = true;
                                super.flush();
                            }
                        };
                    }
                    return out;
                }

                @Override
                public synchronized InputStream getInputStream() throws IOException {
                    if (in == null) {
                        in = new FilterInputStream(super.getInputStream()) {
                            @Override
                            public int read() throws IOException {
                                waited();
                                return super.read();
                            }

                            @Override
                            public int read(byte[] b, int off, int len) throws IOException {
                                waited();
                                return super.read(b, off, len);
                            }
                        };
                    }
                    return in;
                }

                private void waited() {
                    if (flushed) {
                        flushed = false;
                        ROUND_TRIPS.incrementAndGet();
                    }
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new IOException("pgjdbc connects an unconnected socket");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            throw new IOException("pgjdbc connects an unconnected socket");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("pgjdbc connects an unconnected socket");
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            throw new IOException("pgjdbc connects an unconnected socket");
        }
    }
}
