package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.postgres.PostgresDialect;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DialectIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void aDatabaseNoDialectSupportsIsAnErrorListingWhatWasFound() {
        MigrationDir migrations = new MigrationDir(dir.resolve("db")).add("20260101000000_a", "CREATE TABLE a (id int);");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:nodialect");

        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> Migrator.configure(h2).locations(migrations.location()).deploy());

        assertThat(e.code()).isEqualTo(ErrorCode.NO_DIALECT);
        assertThat(e.getMessage()).startsWith("[NO_DIALECT] No dialect supports H2 ")
                .contains("Dialects on the class path: postgresql (io.migrate.postgres.PostgresDialect)")
                .contains("for PostgreSQL: io.migrate:migrate-postgres");
    }

    @Test
    void twoDialectsClaimingTheDatabaseAreAnErrorUnlessOneIsChosen() throws Exception {
        MigrationDir migrations = new MigrationDir(dir.resolve("db")).add("20260101000000_a", "CREATE TABLE a (id int);");
        Path services = dir.resolve("extra/META-INF/services/io.migrate.spi.Dialect");
        Files.createDirectories(services.getParent());
        Files.writeString(services, ShadowDialect.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("extra").toUri().toURL()},
                getClass().getClassLoader())) {

            MigrationException e = catchThrowableOfType(MigrationException.class,
                    () -> Migrator.configure(db.dataSource()).locations(migrations.location()).classLoader(loader).deploy());
            assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_DIALECT);
            assertThat(e.getMessage()).startsWith("[AMBIGUOUS_DIALECT] Several dialects claim PostgreSQL ")
                    .contains("postgresql (io.migrate.postgres.PostgresDialect)")
                    .contains("shadow (" + ShadowDialect.class.getName() + ")")
                    .contains("choose one with .dialect(...)");
            assertThat(db.tableExists("_migrations")).isFalse();

            assertThat(Migrator.configure(db.dataSource()).locations(migrations.location()).classLoader(loader)
                    .dialect(new PostgresDialect()).deploy().applied()).hasSize(1);
        }
    }

    /** A second dialect that also claims PostgreSQL, as a plugin on the class path might. */
    public static final class ShadowDialect extends ForwardingDialect {
        public ShadowDialect() {
            super(new PostgresDialect());
        }

        @Override
        public String name() {
            return "shadow";
        }
    }
}
