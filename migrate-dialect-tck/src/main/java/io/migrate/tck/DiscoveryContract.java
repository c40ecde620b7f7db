package io.migrate.tck;

import io.migrate.Migrator;
import io.migrate.api.DeployResult;
import io.migrate.spi.Dialect;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ServiceLoader;

import static io.migrate.tck.Kit.spi;
import static org.assertj.core.api.Assertions.assertThat;

/** The dialect is found through {@link ServiceLoader}, claims its database, and names and quotes rightly. */
public interface DiscoveryContract extends DialectKit {

    @Test
    default void isRegisteredWithServiceLoader() {
        Class<?> type = dialect().getClass();
        assertThat(ServiceLoader.load(Dialect.class).stream().map(ServiceLoader.Provider::type))
                .as("META-INF/services/io.migrate.spi.Dialect (and 'provides io.migrate.spi.Dialect with %s' in"
                        + " module-info.java) must name the dialect class with a public no-argument constructor", type.getName())
                .contains(type.asSubclass(Dialect.class));
        assertThat(dialect().name()).as(spi("name()", "a short non-blank name for messages")).isNotBlank();
        assertThat(dialect().providerNames()).as(spi("providerNames()", "the provider names migration_lock.toml may hold"))
                .isNotEmpty();
    }

    @Test
    default void supportsItsOwnDatabase() throws Exception {
        try (Kit kit = Kit.open(this); Connection c = kit.db.connect()) {
            assertThat(dialect().supports(c.getMetaData()))
                    .as(spi("supports(DatabaseMetaData)", "true for a connection to " + c.getMetaData().getDatabaseProductName()))
                    .isTrue();
        }
    }

    @Test
    default void isChosenWithoutBeingNamed() throws Exception {
        try (Kit kit = Kit.open(this)) {
            kit.migration("20260101000001_init", kit.table("kit_a") + ";\n");
            DeployResult result = Migrator.configure(kit.db.dataSource()).locations(kit.location()).deploy();
            assertThat(result.applied()).as(spi("supports(DatabaseMetaData)", "discovery must pick this dialect alone"))
                    .hasSize(1);
        }
    }

    @Test
    default void quotesAnyIdentifier() throws Exception {
        try (Kit kit = Kit.open(this)) {
            String odd = kit.dialect.quote("kit \"odd` name");
            kit.execute(kit.table(odd));
            kit.execute("INSERT INTO " + odd + " (id, note) VALUES (1, 'x')");
            assertThat(kit.count(odd)).as(spi("quote(String)", "an identifier that may hold spaces and quote characters"))
                    .isEqualTo(1);
        }
    }

    @Test
    default void knowsTheCurrentSchema() throws Exception {
        try (Kit kit = Kit.open(this); Connection c = kit.db.connect()) {
            String schema = dialect().currentSchema(c);
            assertThat(schema).as(spi("currentSchema(Connection)", "the schema unqualified names resolve to")).isNotBlank();
            assertThat(dialect().historyTableExists(c, schema, "_migrations"))
                    .as(spi("historyTableExists", "false in an empty database")).isFalse();
            assertThat(dialect().schemaObjects(c, schema, "_migrations", 10))
                    .as(spi("schemaObjects", "nothing in an empty database")).isEmpty();
            kit.execute(kit.table("kit_a"));
            assertThat(dialect().schemaObjects(c, schema, "_migrations", 10))
                    .as(spi("schemaObjects", "the table a statement just created")).hasSize(1)
                    .allSatisfy(o -> assertThat(o).contains("kit_a"));
        }
    }
}
