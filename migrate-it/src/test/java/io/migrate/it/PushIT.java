package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.api.PushResult;
import io.migrate.api.PushScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** push and planPush against a real database: scope, protected objects, data loss, renames, production. */
class PushIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Migrator migrator(String schemaSql) throws Exception {
        Files.writeString(dir.resolve("media.sql"), schemaSql);
        Files.createDirectories(dir.resolve("db"));
        return Migrator.configure(db.dataSource()).locations("filesystem:" + dir.resolve("db"))
                .schemaFile("filesystem:" + dir.resolve("media.sql"));
    }

    @Test
    void pushAppliesTheDifferenceOnceWritesNoHistoryAndIsIdempotent() throws Exception {
        Migrator push = migrator("CREATE TABLE videos (id bigint PRIMARY KEY, title text); CREATE INDEX videos_title ON videos (title);");
        PushResult plan = push.planPush();
        assertThat(plan.applied()).isFalse();
        assertThat(plan.statements()).hasSize(2);
        assertThat(db.tableExists("videos")).as("planPush changes nothing").isFalse();

        PushResult pushed = push.push();
        assertThat(pushed.applied()).isTrue();
        assertThat(pushed.statements()).isEqualTo(plan.statements());
        assertThat(pushed.changes()).containsExactly("[+] Added tables: public.videos", "[+] Added index \"videos_title\"");
        assertThat(db.tableExists("videos")).isTrue();
        assertThat(db.tableExists("_migrations")).as("push never touches the history").isFalse();

        PushResult again = push.push();
        assertThat(again.inSync()).isTrue();
        assertThat(again.toString()).isEqualTo("Already in sync: nothing to push");
    }

    @Test
    void withoutAScopeOnlyDeclaredObjectsAreSeenSoNothingUndeclaredIsDropped() throws Exception {
        db.execute("CREATE TABLE other (id int); INSERT INTO other VALUES (1)");
        migrator("CREATE TABLE videos (id bigint PRIMARY KEY);").push();
        assertThat(db.column("SELECT count(*) FROM other")).containsExactly("1");
    }

    @Test
    void aSchemaScopeDropsWhatTheFileNoLongerDeclaresThereAndNothingElse() throws Exception {
        db.execute("CREATE TABLE outside (id int)");
        migrator("CREATE SCHEMA media; CREATE TABLE media.videos (id bigint PRIMARY KEY); CREATE TABLE media.jobs (id int);")
                .pushScope(PushScope.schema("media")).push();
        db.execute("INSERT INTO media.jobs VALUES (1), (2)");
        Migrator smaller = migrator("CREATE SCHEMA media; CREATE TABLE media.videos (id bigint PRIMARY KEY);")
                .pushScope(PushScope.schema("media"));
        assertThatThrownBy(smaller::push)
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_LOSS_NOT_ACCEPTED))
                .hasMessage("[DATA_LOSS_NOT_ACCEPTED] Push stopped before changing anything: it would lose data:\n"
                        + "  - DATA LOSS: table media.jobs is dropped (2 rows)\n"
                        + "If that is intended, push again with acceptDataLoss(true). A rename is never guessed: declare it with"
                        + " renames(Map.of(\"table.old_column\", \"table.new_column\")) to keep the data");
        PushResult dropped = smaller.acceptDataLoss(true).push();
        assertThat(dropped.warnings()).containsExactly("DATA LOSS: table media.jobs is dropped (2 rows)");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname IN ('public', 'media') ORDER BY 1"))
                .containsExactly("outside", "videos");
    }

    @Test
    void aTablesScopeSeesOnlyTheNamedTables() throws Exception {
        db.execute("CREATE TABLE reactions (id int); CREATE TABLE unrelated (id int)");
        migrator("CREATE TABLE videos (id bigint PRIMARY KEY); CREATE TABLE unrelated (id int, extra text);")
                .pushScope(PushScope.tables("videos", "reactions")).acceptDataLoss(true).push();
        assertThat(db.tableExists("videos")).isTrue();
        assertThat(db.tableExists("reactions")).as("named, not declared: dropped").isFalse();
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'unrelated'"))
                .as("declared but outside the scope: invisible").containsExactly("id");
    }

    @Test
    void objectsCreatedByRecordedMigrationsAndTheHistoryTableAreNeverChanged() throws Exception {
        new MigrationDir(dir.resolve("db")).add("20260101000000_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
        Migrator push = migrator("CREATE TABLE users (id bigint PRIMARY KEY, nickname text); CREATE TABLE videos (id int);");
        push.deploy();
        assertThatThrownBy(push::push)
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PUSH_PROTECTED_OBJECT))
                .hasMessage("[PUSH_PROTECTED_OBJECT] Push refused: it would change objects that belong to the migrations:\n"
                        + "  - table public.users\n"
                        + "Push never changes the history table or an object created by a recorded migration. Change those"
                        + " with createMigration(name); narrow the push with pushScope(...), or take them out of the schema file");
        assertThat(db.tableExists("videos")).isFalse();

        Migrator history = migrator("CREATE TABLE _migrations (id int);");
        assertThatThrownBy(history::push).hasMessageStartingWith("[PUSH_PROTECTED_OBJECT] Push refused: it would change"
                + " objects that belong to the migrations:\n  - table public._migrations (the history table)\n");

        Migrator same = migrator("CREATE TABLE users (id bigint PRIMARY KEY); CREATE TABLE videos (id int);");
        assertThat(same.push().changes()).as("declaring a migration's table as it is changes nothing")
                .containsExactly("[+] Added tables: public.videos");
        assertThat(db.column("SELECT count(*) FROM _migrations")).containsExactly("1");
    }

    @Test
    void renamesKeepTheDataAndAreNeverGuessed() throws Exception {
        migrator("CREATE TABLE videos (id int PRIMARY KEY, title text); CREATE INDEX videos_title ON videos (title);").push();
        db.execute("INSERT INTO videos VALUES (1, 'hello')");
        Migrator renamed = migrator("CREATE TABLE videos (id int PRIMARY KEY, headline text); CREATE INDEX videos_title ON videos (headline);");
        assertThatThrownBy(renamed::push).hasMessageContaining("DATA LOSS: column public.videos.title is dropped (1 row holds a value)");

        PushResult result = renamed.renames(Map.of("videos.title", "videos.headline")).push();
        assertThat(result.statements()).containsExactly("ALTER TABLE \"public\".\"videos\" RENAME COLUMN \"title\" TO \"headline\"");
        assertThat(db.column("SELECT headline FROM videos")).containsExactly("hello");
        assertThat(renamed.push().inSync()).as("the rename is done, the second push finds nothing").isTrue();

        Migrator table = migrator("CREATE TABLE clips (id int PRIMARY KEY, headline text); CREATE INDEX videos_title ON clips (headline);")
                .renames(Map.of("videos", "clips"));
        table.pushScope(PushScope.tables("videos", "clips")).push();
        assertThat(db.column("SELECT headline FROM clips")).containsExactly("hello");
        assertThat(table.push().inSync()).isTrue();
    }

    @Test
    void aDatabaseThatSaysProductionIsRefusedUnlessAllowed() throws Exception {
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET migrate.environment = 'production'");
        Migrator push = migrator("CREATE TABLE videos (id int);");
        assertThat(push.planPush().statements()).hasSize(1);
        assertThatThrownBy(push::push)
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PUSH_TO_PRODUCTION))
                .hasMessage("[PUSH_TO_PRODUCTION] Push refused: the database looks like production (its setting"
                        + " migrate.environment is 'production'). Push changes a schema without a migration and is for"
                        + " development databases; bring production up to date with deploy(). If this database is not"
                        + " production, set allowPushToProduction(true)");
        assertThat(db.tableExists("videos")).isFalse();
        push.allowPushToProduction(true).push();
        assertThat(db.tableExists("videos")).isTrue();
    }

    @Test
    void aFailingStatementRollsBackTheWholePush() throws Exception {
        migrator("CREATE TABLE videos (id int);").push();
        db.execute("INSERT INTO videos VALUES (1), (1)");
        Migrator unique = migrator("CREATE TABLE videos (id int UNIQUE); CREATE TABLE jobs (id int);");
        assertThatThrownBy(unique::push)
                .isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PUSH_FAILED))
                .hasMessageStartingWith("[PUSH_FAILED] Push failed and was rolled back, nothing was changed.\n  Statement: ");
        assertThat(db.tableExists("jobs")).isFalse();
    }
}
