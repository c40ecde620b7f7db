package io.migrate.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Behind a connection pool, a failure to connect is told in the driver's words, not the pool's. */
class ConnectionPoolIT {

    @TempDir
    Path dir;

    @Test
    void hikariPointedAtAClosedPortShowsWhyTheDriverCouldNotConnect() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/app?user=app&password=S3cret");
        config.setConnectionTimeout(500);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("it-pool");
        MigrationDir migrations = new MigrationDir(dir).add("20260101000000_a", "CREATE TABLE a (id int);");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            MigrationException e = catchThrowableOfType(MigrationException.class,
                    () -> Migrator.configure(pool).locations(migrations.location()).deploy());

            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(e.getMessage()).isEqualTo("[CONNECTION_FAILED] Cannot connect to the database (SQLSTATE 08001:"
                    + " Connection to 127.0.0.1:" + port + " refused. Check that the hostname and port are correct and that"
                    + " the postmaster is accepting TCP/IP connections.). Check that it is running and that the data"
                    + " source's URL and credentials are right");
            assertThat(e.getCause().getMessage()).contains("it-pool - Connection is not available");
        }
    }
}
