package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.PushScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout push is for: one database, the main API's tables managed by migrations (created with
 * createMigration from their own schema file), a media module's tables managed by push (schema
 * {@code media}, or named tables). Push and deploy take turns many times; neither disturbs the other.
 */
class SeedLayoutIT {

    private static final int ROUNDS = 5;

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void pushToASchemaAndMigrationsTakeTurnsWithoutDisturbingEachOther() throws Exception {
        run(PushScope.schema("media"), "media.");
    }

    @Test
    void pushToNamedTablesAndMigrationsTakeTurnsWithoutDisturbingEachOther() throws Exception {
        run(PushScope.tables("videos", "jobs"), "");
    }

    private void run(PushScope scope, String prefix) throws Exception {
        Path api = dir.resolve("api.sql");
        Path media = dir.resolve("media.sql");
        String mediaHead = prefix.isEmpty() ? "" : "CREATE SCHEMA media;\n";
        Migrator migrations = Migrator.configure(db.dataSource()).locations("filesystem:" + dir.resolve("db"))
                .schemaFile("filesystem:" + api).pushScope(scope);
        Migrator push = Migrator.configure(db.dataSource()).locations("filesystem:" + dir.resolve("db"))
                .schemaFile("filesystem:" + media).pushScope(scope);
        StringBuilder apiSchema = new StringBuilder("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        for (int round = 1; round <= ROUNDS; round++) {
            // the API team adds a table and a column through a migration
            apiSchema.append("CREATE TABLE orders_").append(round).append(" (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n");
            apiSchema.append("ALTER TABLE users ADD COLUMN c").append(round).append(" int;\n");
            Files.writeString(api, apiSchema);
            assertThat(migrations.createMigration("round_" + round).outcome().name()).isEqualTo("CREATED_AND_APPLIED");
            db.execute("INSERT INTO users (id, email) VALUES (" + round + ", 'u" + round + "@x')");

            // the media module reshapes its tables by push, including what loses data in its own tables
            String mediaSchema = mediaHead + "CREATE TABLE " + prefix + "videos (id bigint PRIMARY KEY, owner bigint REFERENCES public.users,"
                    + " title text, v" + round + " int);\n"
                    + (round % 2 == 0 ? "CREATE TABLE " + prefix + "jobs (id int, state text);\n" : "");
            Files.writeString(media, mediaSchema);
            push.acceptDataLoss(true).push();
            assertThat(push.planPush().inSync()).as("push is idempotent").isTrue();
            db.execute("INSERT INTO " + prefix + "videos (id, owner, title) VALUES (" + round + ", " + round + ", 't')");

            assertThat(migrations.deploy().upToDate()).isTrue();
            migrations.detectDrift(false).validate();
            assertThat(migrations.createMigration("nothing_" + round).alreadyInSync())
                    .as("push-managed tables are neither drift nor part of the next migration").isTrue();
        }
        assertThat(db.column("SELECT count(*) FROM _migrations")).containsExactly(String.valueOf(ROUNDS));
        assertThat(db.column("SELECT count(*) FROM users")).containsExactly(String.valueOf(ROUNDS));
        assertThat(db.column("SELECT count(*) FROM " + prefix + "videos")).containsExactly(String.valueOf(ROUNDS));
        List<String> userColumns = db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = 'users' ORDER BY ordinal_position");
        assertThat(userColumns).containsExactly("id", "email", "c1", "c2", "c3", "c4", "c5");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'videos' ORDER BY ordinal_position"))
                .containsExactly("id", "owner", "title", "v" + ROUNDS);
    }
}
