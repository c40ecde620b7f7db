package io.migrate.cli;

import io.migrate.testkit.Database;
import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What most command-line tests start from: an empty database of their own, a working directory, and
 * the packaged command run there with {@code DATABASE_URL} naming that database. A test class adds
 * its migrations in a {@code @BeforeEach} of its own, which runs after this one.
 */
abstract class CommandFixture {

    @RegisterExtension
    final MigratedDatabase extension = MigratedDatabase.empty();

    @TempDir
    Path dir;

    Database db;
    Cli cli;

    @BeforeEach
    void connect() {
        db = extension.database();
        cli = new Cli(dir).env("DATABASE_URL", Cli.jdbcUrl(db));
    }
}
