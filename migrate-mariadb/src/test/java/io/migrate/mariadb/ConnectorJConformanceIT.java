package io.migrate.mariadb;

import io.migrate.tck.KitDatabase;

/**
 * The conformance kit through MySQL Connector/J, the driver that MySQL users run and some MariaDB users
 * do too: it names a MariaDB server "MySQL", reports errors with its own SQLSTATEs and converts
 * timestamps by its own settings, and the dialect must behave the same.
 */
class ConnectorJConformanceIT extends MariaDbConformanceIT {

    @Override
    public KitDatabase newDatabase() throws Exception {
        return MariaDbServer.newDatabase(MariaDbServer.Driver.CONNECTOR_J);
    }
}
