package io.migrate.api;

import java.sql.Connection;

/**
 * Seed data written in Java instead of {@code seed.sql}, set with {@code Migrator.javaSeed(...)}.
 * It runs in one transaction: do not commit, roll back or close the connection.
 */
@FunctionalInterface
public interface JavaSeed {
    void seed(Connection connection) throws Exception;
}
