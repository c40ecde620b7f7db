package io.migrate.mariadb;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MariaDbDialectIT} through MySQL Connector/J, and what only that driver's URLs can hold. */
class ConnectorJDialectIT extends MariaDbDialectIT {

    @Override
    MariaDbServer.Driver driver() {
        return MariaDbServer.Driver.CONNECTOR_J;
    }

    @Test
    void keepsThePasswordOfAHostSpecificationOutOfTheDeploysOutput() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String user = "kit_u_" + suffix;
        String password = "Pw-" + suffix + "-x";
        String server = MariaDbServer.url(driver()).replaceFirst("^jdbc:mysql://([^/?]*).*$", "$1");
        String host = server.contains(":") ? server.substring(0, server.indexOf(':')) : server;
        String port = server.contains(":") ? server.substring(server.indexOf(':') + 1) : "3306";
        MariaDbServer.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
        try {
            MariaDbServer.execute("GRANT ALL ON `" + name + "`.* TO '" + user + "'@'%'");
            Path dir = migration("20260101000000_init", "CREATE TABLE t (id INT);\n");
            String url = "jdbc:mysql://address=(host=" + host + ")(port=" + port + ")(user=" + user + ")(password="
                    + password + ")/" + name;
            String output = deployTo(url, dir);
            assertThat(output).contains("Applied 1 migration",
                    "jdbc:mysql://address=(host=" + host + ")(port=" + port + ")/" + name).doesNotContain(password);
            try (Connection c = db.connect()) {
                assertThat(column(c, "SELECT COUNT(*) FROM t")).containsExactly("0");
            }
        } finally {
            MariaDbServer.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }
}
