package io.migrate.testkit;

import io.migrate.Migrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Empty databases from the pool, for tests that deploy migrations themselves. */
class EmptyDatabaseIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.empty();

    private static final Set<String> used = ConcurrentHashMap.newKeySet();

    @RepeatedTest(3)
    void eachTestGetsAnEmptyDatabaseOfItsOwnThatItCanMigrate(Database database) throws SQLException {
        used.add(database.name());
        try (Connection c = database.connect()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"))
                    .as("relations left by an earlier test or a template").isEqualTo("0");
        }
        Migrator.configure(database.dataSource()).locations("classpath:db").deploy();
        try (Connection c = database.connect()) {
            assertThat(TestServers.queryString(c, "SELECT count(*) FROM _migrations WHERE finished_at IS NOT NULL")).isEqualTo("3");
        }
    }

    @Test
    void databasesAreClonedFromTemplateZeroWithoutBuildingATemplate(DataSource ds) throws SQLException {
        DatabaseTemplate template = db.template();
        assertThat(template.name()).isEqualTo("template0");
        assertThat(template.reused()).isTrue();
        assertThat(DatabaseTemplate.empty().prepare()).as("one pool of empty databases per server").isSameAs(template);
        try (Connection c = ds.getConnection()) {
            assertThat(TestServers.queryString(c, "SELECT current_database()")).startsWith("mtk_db_");
        }
    }

    @Test
    void anotherEmptyDatabaseFromThePlainApiIsDroppedOnClose() throws Exception {
        String name;
        try (Database extra = DatabaseTemplate.empty().prepare().newDatabase()) {
            name = extra.name();
            assertThat(name).isNotEqualTo(db.database().name());
        }
        assertThat(TestServers.gone(PostgresServer.shared(), name)).isTrue();
    }

    @AfterAll
    static void theTestsDatabasesAreDropped() throws Exception {
        assertThat(used).hasSize(3);
        for (String name : List.copyOf(used)) {
            assertThat(TestServers.gone(PostgresServer.shared(), name)).as("%s is dropped", name).isTrue();
        }
    }
}
