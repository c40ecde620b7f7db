package io.migrate.internal.diff;

import io.migrate.schema.Column;
import io.migrate.schema.Constraint;
import io.migrate.schema.EnumType;
import io.migrate.schema.Index;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaObject.Kind;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Sequence;
import io.migrate.schema.Table;
import io.migrate.spi.SchemaSupport;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDifferTest {

    private static final Column ID = Column.of("id", "bigint").notNull(true);
    private static final Constraint USERS_PK = new Constraint("users_pkey", Constraint.Kind.PRIMARY_KEY, "PRIMARY KEY (id)", null);
    private static final Table USERS = Table.of("public", "users", List.of(ID, Column.of("email", "text")))
            .withConstraints(List.of(USERS_PK));
    private static final Constraint POSTS_FK = new Constraint("posts_user_id_fkey", Constraint.Kind.FOREIGN_KEY,
            "FOREIGN KEY (user_id) REFERENCES public.users(id)", "public.users");
    private static final Table POSTS = Table.of("public", "posts", List.of(ID, Column.of("user_id", "bigint")))
            .withConstraints(List.of(new Constraint("posts_pkey", Constraint.Kind.PRIMARY_KEY, "PRIMARY KEY (id)", null), POSTS_FK));

    private static SchemaSnapshot schema(Table... tables) {
        return SchemaSnapshot.empty().withSchemas(List.of("public")).withTables(List.of(tables));
    }

    private static List<String> steps(SchemaSnapshot from, SchemaSnapshot to) {
        return SchemaDiffer.diff(from, to).changes().stream().map(SchemaDifferTest::label).toList();
    }

    private static String label(SchemaChange c) {
        String subject = c.table().isPresent() ? c.table().get().qualifiedName() + " " + c.describe() : c.subject();
        return c.getClass().getSimpleName() + " " + subject;
    }

    @Test
    void equalSchemasBuiltInAnotherOrderHaveNoDifference() {
        SchemaSnapshot a = schema(USERS, POSTS);
        SchemaSnapshot b = schema(POSTS, USERS.withIndexes(List.of()));
        assertThat(a).isEqualTo(b);
        assertThat(SchemaDiffer.diff(a, b).changes()).isEmpty();
        assertThat(SchemaDiffer.diff(a, b).warnings()).isEmpty();
    }

    @Test
    void createsReferencedTablesBeforeForeignKeysAndDropsForeignKeysBeforeTables() {
        assertThat(steps(schema(), schema(POSTS, USERS))).containsExactly(
                "CreateTable public.posts", "CreateTable public.users",
                "AddConstraint public.posts Added foreign key \"posts_user_id_fkey\"");
        assertThat(steps(schema(USERS, POSTS), schema(POSTS.withConstraints(List.of())))).containsExactly(
                "DropConstraint public.posts Removed foreign key \"posts_user_id_fkey\"",
                "DropConstraint public.posts Removed primary key \"posts_pkey\"",
                "DropTable public.users");
    }

    @Test
    void foreignKeysOfDroppedTablesThatPointAtOtherDroppedTablesGoFirst() {
        assertThat(steps(schema(USERS, POSTS), schema())).containsExactly(
                "DropConstraint public.posts Removed foreign key \"posts_user_id_fkey\"",
                "DropTable public.posts", "DropTable public.users");
        assertThat(SchemaDiffer.diff(schema(USERS, POSTS), schema()).warnings()).containsExactly(
                "The table \"public.posts\" is dropped: all the data it holds will be lost.",
                "The table \"public.users\" is dropped: all the data it holds will be lost.");
    }

    @Test
    void neverGuessesARenameAndWarnsOfDataLoss() {
        Table renamed = USERS.withColumns(List.of(ID, Column.of("mail", "text")));
        SchemaDiffer.Result result = SchemaDiffer.diff(schema(USERS), schema(renamed));
        assertThat(result.changes().stream().map(SchemaDifferTest::label)).containsExactly(
                "DropColumn public.users Removed column \"email\"", "AddColumn public.users Added column \"mail\"");
        assertThat(result.warnings()).containsExactly(
                "The column \"email\" of table \"public.users\" is dropped: all the data it holds will be lost.");
    }

    @Test
    void altersColumnsInPlaceWithWarningsForCastsAndNotNull() {
        Table altered = USERS.withColumns(List.of(ID, Column.of("email", "character varying(100)").notNull(true).withDefault("''::text")));
        SchemaDiffer.Result result = SchemaDiffer.diff(schema(USERS), schema(altered));
        assertThat(result.changes()).hasSize(1);
        assertThat(result.changes().get(0).describe()).isEqualTo("Altered column \"email\" (type text -> character varying(100),"
                + " default none -> ''::text, made required)");
        assertThat(result.warnings()).containsExactly(
                "The type of column \"email\" of table \"public.users\" changes from text to character varying(100):"
                        + " the script fails if existing values cannot be cast.",
                "The column \"email\" of table \"public.users\" becomes required: the script fails if it holds NULL values.");
    }

    @Test
    void aColumnWhoseTypeCannotBeConvertedIsDroppedAndAddedAgain() {
        Table retyped = USERS.withColumns(List.of(ID, Column.of("email", "jsonb")));
        SchemaDiffer.Result result = SchemaDiffer.diff(schema(USERS), schema(retyped), (a, b) -> false, (a, b) -> true);
        assertThat(result.changes().stream().map(SchemaDifferTest::label)).containsExactly(
                "DropColumn public.users Removed column \"email\"", "AddColumn public.users Added column \"email\"");
        assertThat(result.warnings()).containsExactly("The column \"email\" of table \"public.users\" is dropped and added"
                + " again because its type text cannot be converted to jsonb: all the data it holds will be lost.");
    }

    @Test
    void addingARequiredColumnWithoutDefaultIsWarnedAbout() {
        Table added = USERS.withColumns(List.of(ID, Column.of("email", "text"), Column.of("name", "text").notNull(true)));
        assertThat(SchemaDiffer.diff(schema(USERS), schema(added)).warnings()).containsExactly(
                "The required column \"name\" is added to table \"public.users\" without a default: the script fails if the table is not empty.");
    }

    @Test
    void aChangedIndexOrConstraintIsDroppedThenCreated() {
        Table indexed = USERS.withIndexes(List.of(new Index("users_email_idx", "CREATE INDEX users_email_idx ON public.users USING btree (email)")));
        Table reindexed = USERS.withIndexes(List.of(new Index("users_email_idx", "CREATE INDEX users_email_idx ON public.users USING hash (email)")));
        assertThat(steps(schema(indexed), schema(reindexed))).containsExactly(
                "DropIndex public.users Removed index \"users_email_idx\"", "CreateIndex public.users Added index \"users_email_idx\"");
    }

    @Test
    void aChangedPrimaryKeyRecreatesTheForeignKeysThatPointAtIt() {
        Table rekeyed = USERS.withConstraints(List.of(new Constraint("users_pkey", Constraint.Kind.PRIMARY_KEY, "PRIMARY KEY (id, email)", null)));
        List<String> steps = steps(schema(USERS, POSTS), schema(rekeyed, POSTS));
        assertThat(steps).containsExactly(
                "DropConstraint public.posts Removed foreign key \"posts_user_id_fkey\"",
                "DropConstraint public.users Removed primary key \"users_pkey\"",
                "AddConstraint public.users Added primary key \"users_pkey\"",
                "AddConstraint public.posts Added foreign key \"posts_user_id_fkey\"");
    }

    @Test
    void enumValuesAreAddedInPlaceAtTheirPosition() {
        EnumType before = new EnumType("public", "mood", List.of("sad", "happy"));
        EnumType after = new EnumType("public", "mood", List.of("sad", "ok", "meh", "happy", "ecstatic"));
        List<SchemaChange> changes = SchemaDiffer.diff(SchemaSnapshot.empty().withEnums(List.of(before)),
                SchemaSnapshot.empty().withEnums(List.of(after))).changes();
        assertThat(changes).containsExactly(
                new SchemaChange.AddEnumValue(after, "ecstatic", null),
                new SchemaChange.AddEnumValue(after, "meh", "happy"),
                new SchemaChange.AddEnumValue(after, "ok", "meh"));
    }

    @Test
    void removingOrReorderingEnumValuesRebuildsTheTypeAndItsColumnsWithAWarning() {
        EnumType before = new EnumType("public", "mood", List.of("sad", "ok", "happy"));
        EnumType after = new EnumType("public", "mood", List.of("happy", "sad"));
        Table people = Table.of("public", "people", List.of(ID, Column.of("mood", "mood"), Column.of("moods", "mood[]")));
        SchemaSnapshot from = schema(people).withEnums(List.of(before));
        SchemaSnapshot to = schema(people).withEnums(List.of(after));
        SchemaDiffer.Result result = SchemaDiffer.diff(from, to);
        assertThat(result.changes()).containsExactly(new SchemaChange.RebuildEnum(before, after, List.of(
                new SchemaChange.ColumnUse(people, Column.of("mood", "mood")), new SchemaChange.ColumnUse(people, Column.of("moods", "mood[]")))));
        assertThat(result.warnings()).containsExactly("The enum \"public.mood\" is created again because values were removed (ok),"
                + " and its columns are converted: the script fails if a column holds a removed value.");
        assertThat(Types.isInsertionOnly(List.of("a", "b"), List.of("b", "a", "c"))).isFalse();
        assertThat(Types.isInsertionOnly(List.of("a", "b"), List.of("x", "a", "y", "b", "z"))).isTrue();
    }

    @Test
    void viewsReadingAChangedTableAreDroppedBeforeAndCreatedAfterInDependencyOrder() {
        SchemaObject emails = new SchemaObject(Kind.VIEW, "public", "emails", null, "SELECT email FROM users", List.of("public.users"));
        SchemaObject lower = new SchemaObject(Kind.VIEW, "public", "lower_emails", null, "SELECT lower(email) FROM emails", List.of("public.emails"));
        SchemaObject unrelated = new SchemaObject(Kind.VIEW, "public", "one", null, "SELECT 1", List.of());
        Table retyped = USERS.withColumns(List.of(ID, Column.of("email", "character varying(200)")));
        SchemaSnapshot from = schema(USERS).withObjects(List.of(lower, emails, unrelated));
        SchemaSnapshot to = schema(retyped).withObjects(List.of(emails, unrelated, lower));
        assertThat(steps(from, to)).containsExactly(
                "DropObject public.lower_emails", "DropObject public.emails",
                "AlterColumn public.users Altered column \"email\" (type text -> character varying(200))",
                "CreateObject public.emails", "CreateObject public.lower_emails");
        assertThat(steps(from, schema(USERS.withColumns(List.of(ID, Column.of("email", "text").withDefault("'x'::text"))))
                .withObjects(List.of(emails, unrelated, lower)))).containsExactly(
                "AlterColumn public.users Altered column \"email\" (default none -> 'x'::text)");
    }

    @Test
    void routinesAreReplacedInPlaceAndTypesCreatedBeforeTablesAndDroppedAfterColumnsChange() {
        SchemaObject fn = SchemaObject.of(Kind.FUNCTION, "public", "f()", "CREATE OR REPLACE FUNCTION public.f() ... 1");
        SchemaObject fn2 = SchemaObject.of(Kind.FUNCTION, "public", "f()", "CREATE OR REPLACE FUNCTION public.f() ... 2");
        SchemaObject domain = SchemaObject.of(Kind.DOMAIN, "public", "email", "text CHECK (VALUE ~ '@')");
        Table withDomain = Table.of("public", "t", List.of(Column.of("e", "email")));
        Table without = Table.of("public", "t", List.of(Column.of("e", "text")));
        assertThat(steps(schema(without).withObjects(List.of(fn)), schema(withDomain).withObjects(List.of(fn2, domain)))).containsExactly(
                "CreateObject public.email", "ReplaceObject public.f()",
                "AlterColumn public.t Altered column \"e\" (type text -> email)");
        assertThat(steps(schema(withDomain).withObjects(List.of(fn2, domain)), schema(without))).containsExactly(
                "AlterColumn public.t Altered column \"e\" (type email -> text)",
                "DropObject public.f()", "DropObject public.email");
    }

    @Test
    void serialSequencesAreCreatedBeforeTheirTableAndOwnedAfter() {
        Sequence seq = new Sequence("public", "t_id_seq", "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false, "public.t.id");
        Table t = Table.of("public", "t", List.of(Column.of("id", "integer").notNull(true).withDefault("nextval('t_id_seq'::regclass)")));
        List<SchemaChange> changes = SchemaDiffer.diff(schema(), schema(t).withSequences(List.of(seq))).changes();
        assertThat(changes).containsExactly(new SchemaChange.CreateSequence(SchemaDiffer.unowned(seq)), new SchemaChange.CreateTable(t),
                new SchemaChange.AlterSequence(SchemaDiffer.unowned(seq), seq));
    }

    @Test
    void triggersAndCommentsOnADroppedTableGoWithItAndComeBackWhenItIsCreatedAgain() {
        SchemaObject trigger = new SchemaObject(Kind.TRIGGER, "public", "audit", "public.users", "CREATE TRIGGER audit ...", List.of());
        SchemaObject comment = new SchemaObject(Kind.COMMENT, "public", "TABLE public.users", "public.users", "people", List.of());
        Table unlogged = new Table("public", "users", true, null, null, USERS.columns(), USERS.constraints(), List.of(), false, false);
        assertThat(steps(schema(USERS).withObjects(List.of(trigger, comment)), schema())).containsExactly("DropTable public.users");
        assertThat(steps(schema(USERS).withObjects(List.of(trigger, comment)), schema(unlogged).withObjects(List.of(trigger, comment))))
                .containsExactly("DropTable public.users", "CreateTable public.users", "CreateObject audit on public.users",
                        "CreateObject on TABLE public.users");
        assertThat(steps(schema(USERS).withObjects(List.of(trigger, comment)), schema(USERS))).containsExactly(
                "DropObject audit on public.users", "DropObject on TABLE public.users");
    }

    @Test
    void theSummaryGroupsByTableAsPrismaDoes() {
        Table videos = Table.of("public", "videos", List.of(ID));
        Table users = USERS.withColumns(List.of(ID, Column.of("email", "text"), Column.of("name", "text")))
                .withIndexes(List.of());
        Table indexed = USERS.withIndexes(List.of(new Index("users_email_idx", "CREATE INDEX users_email_idx ON public.users USING btree (email)")));
        SchemaSnapshot from = schema(indexed);
        SchemaSnapshot to = schema(users, videos).withObjects(List.of(SchemaObject.of(Kind.EXTENSION, "public", "citext", "citext")));
        SchemaDiff diff = Diffs.of(new Labels(), from, to);
        assertThat(diff).hasToString("""
                [+] Added extensions: citext
                [+] Added tables: public.videos
                [*] Changed the "public.users" table
                  [-] Removed index "users_email_idx"
                  [+] Added column "name\"""");
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.script()).isEqualTo("""
                DropIndex;

                CreateObject;

                CreateTable;

                AddColumn;
                """);
        assertThat(diff.reverse().changes().stream().map(SchemaDifferTest::label)).containsExactly(
                "DropColumn public.users Removed column \"name\"", "DropTable public.videos",
                "CreateIndex public.users Added index \"users_email_idx\"", "DropObject citext");
        assertThat(diff.reverse().reverse().statements()).isEqualTo(diff.statements());
        assertThat(Diffs.of(new Labels(), from, from)).hasToString("No difference detected.");
        assertThat(Diffs.of(new Labels(), from, from).script()).isEqualTo("-- This is an empty migration.\n");
    }

    private static SchemaObject domain(String base, String dflt, boolean notNull, Constraint... checks) {
        return new SchemaObject(Kind.DOMAIN, "public", "amount", null, "CREATE DOMAIN amount AS " + base + " " + dflt + notNull
                + List.of(checks), List.of(), List.of(new Column("amount", base, null, dflt, null, null, notNull)), List.of(checks));
    }

    private static SchemaObject composite(Column... attributes) {
        return new SchemaObject(Kind.COMPOSITE_TYPE, "public", "pair", null, "CREATE TYPE pair AS " + List.of(attributes),
                List.of(), List.of(attributes), List.of());
    }

    @Test
    void aDomainWhoseBaseTypeStaysIsAlteredInPlaceAndOneWhoseBaseTypeChangesIsRebuiltWithItsColumns() {
        Table t = Table.of("public", "t", List.of(Column.of("a", "public.amount"), Column.of("b", "text")));
        Constraint positive = new Constraint("positive", Constraint.Kind.CHECK, "CHECK (VALUE > 0)", null);
        SchemaSnapshot before = schema(t).withObjects(List.of(domain("integer", null, false)));
        SchemaDiffer.Result altered = SchemaDiffer.diff(before, schema(t).withObjects(List.of(domain("integer", "1", true, positive))));
        assertThat(altered.changes()).containsExactly(new SchemaChange.AlterObject(domain("integer", null, false),
                domain("integer", "1", true, positive)));
        assertThat(altered.warnings()).containsExactly("The domain \"public.amount\" gets new checks or NOT NULL: the script"
                + " fails if a column of that type holds values that break them.");

        SchemaDiffer.Result rebuilt = SchemaDiffer.diff(before, schema(t).withObjects(List.of(domain("bigint", null, false))));
        assertThat(rebuilt.changes()).containsExactly(new SchemaChange.RebuildType(domain("integer", null, false),
                domain("bigint", null, false), List.of(new SchemaChange.ColumnUse(t, Column.of("a", "public.amount")))));
        assertThat(rebuilt.warnings()).containsExactly("The domain \"public.amount\" is created again because its base type"
                + " changed, and its columns are converted: the script fails if a value does not convert.");
    }

    @Test
    void aCompositeTypeDropsAndAppendsAttributesInPlaceAndIsRebuiltWhenAnAttributeChangesTypeOrPlace() {
        Column a = Column.of("a", "integer");
        Column b = Column.of("b", "text");
        Column c = Column.of("c", "bigint");
        SchemaSnapshot before = schema().withObjects(List.of(composite(a, b)));
        assertThat(steps(before, schema().withObjects(List.of(composite(b, c))))).containsExactly("AlterObject public.pair");
        assertThat(steps(before, schema().withObjects(List.of(composite(c, a, b))))).containsExactly("RebuildType public.pair (rebuilt)");
        assertThat(steps(before, schema().withObjects(List.of(composite(a.withType("bigint"), b)))))
                .containsExactly("RebuildType public.pair (rebuilt)");
    }

    @Test
    void aRoutineTheDialectCannotReplaceIsDroppedAfterTheViewsCallingItAndCreatedBeforeThem() {
        SchemaObject f1 = SchemaObject.of(Kind.FUNCTION, "public", "f(integer)", "CREATE FUNCTION f(x integer) RETURNS integer");
        SchemaObject f2 = SchemaObject.of(Kind.FUNCTION, "public", "f(integer)", "CREATE FUNCTION f(x integer) RETURNS bigint");
        SchemaObject view = new SchemaObject(Kind.VIEW, "public", "v", null, "SELECT public.f(1)", List.of("public.f(integer)"));
        SchemaSnapshot before = schema().withObjects(List.of(f1, view));
        SchemaSnapshot after = schema().withObjects(List.of(f2, view));
        SchemaDiffer.Result remade = SchemaDiffer.diff(before, after, (x, y) -> true, (x, y) -> false);
        assertThat(remade.changes()).containsExactly(new SchemaChange.DropObject(view), new SchemaChange.DropObject(f1),
                new SchemaChange.CreateObject(f2), new SchemaChange.CreateObject(view));
        assertThat(remade.warnings()).singleElement().asString().startsWith("The function \"public.f(integer)\" is dropped and"
                + " created again");
        assertThat(SchemaDiffer.diff(before, after).changes()).containsExactly(new SchemaChange.ReplaceObject(f1, f2));
    }

    @Test
    void anExtensionIsUpdatedInPlaceAndIndexesOfMaterializedViewsHangOnTheirView() {
        SchemaObject old = SchemaObject.of(Kind.EXTENSION, "public", "citext", "WITH SCHEMA public VERSION '1.5'");
        SchemaObject now = SchemaObject.of(Kind.EXTENSION, "public", "citext", "WITH SCHEMA public VERSION '1.6'");
        assertThat(SchemaDiffer.diff(schema().withObjects(List.of(old)), schema().withObjects(List.of(now))).changes())
                .containsExactly(new SchemaChange.AlterObject(old, now));

        SchemaObject mv = SchemaObject.of(Kind.MATERIALIZED_VIEW, "public", "m", "SELECT 1 AS one");
        SchemaObject mv2 = SchemaObject.of(Kind.MATERIALIZED_VIEW, "public", "m", "SELECT 2 AS one");
        SchemaObject idx = new SchemaObject(Kind.MATERIALIZED_VIEW_INDEX, "public", "m_one", "public.m",
                "CREATE INDEX m_one ON public.m USING btree (one)", List.of());
        assertThat(steps(schema().withObjects(List.of(mv)), schema().withObjects(List.of(mv, idx))))
                .containsExactly("CreateObject m_one on public.m");
        assertThat(steps(schema().withObjects(List.of(mv, idx)), schema().withObjects(List.of(mv2, idx))))
                .containsExactly("DropObject public.m", "CreateObject public.m", "CreateObject m_one on public.m");
    }

    @Test
    void snapshotsSerialiseToJson() {
        SchemaSnapshot snapshot = schema(Table.of("public", "t", List.of(Column.of("a\"b", "text"))))
                .withEnums(List.of(new EnumType("public", "e", List.of("x"))));
        assertThat(snapshot.toJson()).isEqualTo("{\"schemas\":[\"public\"],\"tables\":[{\"schema\":\"public\",\"name\":\"t\","
                + "\"unlogged\":false,\"partitionBy\":null,\"partitionOf\":null,\"columns\":[{\"name\":\"a\\\"b\",\"type\":\"text\","
                + "\"collation\":null,\"defaultValue\":null,\"identity\":null,\"generated\":null,\"notNull\":false}],"
                + "\"constraints\":[],\"indexes\":[],\"rowSecurity\":false,\"forceRowSecurity\":false}],"
                + "\"enums\":[{\"schema\":\"public\",\"name\":\"e\",\"values\":[\"x\"]}],\"sequences\":[],\"objects\":[],\"notCompared\":[]}");
    }

    /** Renders each step as its class name, to check the script's assembly without a database. */
    private static final class Labels implements SchemaSupport {
        public SchemaSnapshot read(Connection connection, Set<String> excludedTables) {
            throw new UnsupportedOperationException();
        }

        public List<String> render(SchemaChange change) {
            return new ArrayList<>(List.of(change.getClass().getSimpleName()));
        }

        public void createDatabase(Connection connection, String name, String template) {
        }

        public void dropDatabase(Connection connection, String name) {
        }

        public void renameDatabase(Connection connection, String from, String to) {
        }

        public List<String> databases(Connection connection, String prefix) {
            return List.of();
        }

        public DataSource dataSource(DataSource original, Connection connection, String database) {
            return original;
        }

        public void emptyDatabase(Connection connection) {
        }
    }
}
