package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.PushScope;
import io.migrate.schema.SchemaSource;
import io.migrate.testkit.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** pull writes a declared schema that recreates the database, and that pushed back changes nothing. */
class PullIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    static final String EVERYTHING = """
            CREATE EXTENSION citext;
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN email AS citext CHECK (VALUE ~ '@');
            CREATE TABLE people (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              mail email NOT NULL,
              avatar bytea,
              moods mood[] NOT NULL DEFAULT '{ok}'::mood[],
              tags text[] DEFAULT ARRAY['a', 'b']::text[],
              joined date DEFAULT ('now'::text)::date,
              score numeric(10,2) DEFAULT 0.5::numeric,
              updated timestamptz
            );
            CREATE UNIQUE INDEX people_mail ON people (lower(mail::text));
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated := now(); RETURN NEW; END$$;
            CREATE TRIGGER people_touch BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE VIEW happy_people AS SELECT id, mail FROM people WHERE 'happy' = ANY (moods);
            CREATE SEQUENCE tickets START 100;
            COMMENT ON TABLE people IS 'who';
            """;

    @Test
    void thePulledFileRecreatesTheDatabaseAndPushedBackChangesNothing() throws Exception {
        db.execute(EVERYTHING);
        Path file = dir.resolve("schema.sql");
        Migrator migrator = Migrator.configure(db.dataSource()).locations("filesystem:" + Files.createDirectories(dir.resolve("db")));
        assertThat(migrator.pull(file)).isEqualTo(file);
        String pulled = Files.readString(file);
        assertThat(pulled).startsWith("-- Declared schema pulled from the database.\n").contains("bytea", "mood[]", "CREATE EXTENSION",
                "CREATE DOMAIN", "CREATE TRIGGER", "CREATE VIEW");

        assertThat(migrator.schemaFile("filesystem:" + file).push().inSync()).as(pulled).isTrue();

        try (Database empty = TestDatabase.another()) {
            Migrator fresh = Migrator.configure(empty.dataSource()).locations("filesystem:" + dir.resolve("db"))
                    .schemaFile("filesystem:" + file);
            fresh.push();
            assertThat(fresh.snapshot(SchemaSource.database())).as(pulled).isEqualTo(migrator.snapshot(SchemaSource.database()));
            assertThat(fresh.push().inSync()).isTrue();
        }
    }

    @Test
    void aScopedPullWritesOnlyTheScope() throws Exception {
        db.execute("CREATE TABLE api_users (id int); CREATE SCHEMA media; CREATE TABLE media.videos (id int PRIMARY KEY, data bytea)");
        Path file = dir.resolve("media.sql");
        Migrator migrator = Migrator.configure(db.dataSource()).locations("filesystem:" + Files.createDirectories(dir.resolve("db")))
                .pushScope(PushScope.schema("media"));
        migrator.pull(file);
        assertThat(Files.readString(file)).contains("CREATE TABLE \"media\".\"videos\"").doesNotContain("api_users");
        assertThat(migrator.schemaFile("filesystem:" + file).push().inSync()).isTrue();
    }
}
