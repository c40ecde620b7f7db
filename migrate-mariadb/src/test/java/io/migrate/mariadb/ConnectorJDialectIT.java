package io.migrate.mariadb;

/** {@link MariaDbDialectIT} through MySQL Connector/J, and what only that driver's URLs can hold. */
class ConnectorJDialectIT extends MariaDbDialectIT {

    @Override
    MariaDbServer.Driver driver() {
        return MariaDbServer.Driver.CONNECTOR_J;
    }
}
