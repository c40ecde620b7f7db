package io.migrate.testkit.embedded;

import io.migrate.testkit.Database;
import io.migrate.testkit.JdbcUrl;
import io.migrate.testkit.MigratedDatabase;
import io.migrate.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This module's only dependency (besides JUnit and AssertJ) is what a user adds for the embedded
 * server: the one line {@code io.migrate:migrate-testkit-embedded}. The build demands the embedded
 * provider here, so a missing piece fails instead of falling back to another server.
 */
class EmbeddedDependencyIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.postgres().locations("classpath:db");

    @Test
    void theOneDependencyStartsAnEmbeddedServerOfTheManagedVersion(Database database) {
        // A provider given on the Maven command line (-Dmigrate.testkit.provider=url) overrides the pom's.
        String demanded = System.getProperty(PostgresServer.PROVIDER_PROPERTY);
        assumeTrue("embedded".equals(demanded), "the build demands the " + demanded + " provider, not the embedded one");
        PostgresServer server = database.server();
        assertThat(server.provider()).isEqualTo(PostgresServer.Provider.EMBEDDED);
        String binaries = System.getProperty("postgres.binaries.version", "17.6.0");
        assertThat(server.majorVersion()).isEqualTo(Integer.parseInt(binaries.substring(0, binaries.indexOf('.'))));
    }

    @Test
    void aTestGetsAMigratedDatabaseByUrl(@JdbcUrl String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO notes (body) VALUES ('kept')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM notes")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
