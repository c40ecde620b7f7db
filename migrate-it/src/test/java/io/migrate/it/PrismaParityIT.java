package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.AppliedMigration;
import io.migrate.api.DeployResult;
import io.migrate.api.ErrorCode;
import io.migrate.api.InvalidMigrationException;
import io.migrate.testkit.Database;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Whatever {@code prisma migrate deploy} applies to PostgreSQL must deploy to the same schema. Prisma's
 * engines cannot run here, so the reference is psql applying each migration.sql in order: the same
 * folder goes into one database through {@link Migrator} and into another through psql, and the two
 * catalogs must read the same down to the last row.
 */
class PrismaParityIT {

    private static final String HISTORY_TABLE = "_migrations";

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void prismaGeneratedMigrationsDeployToTheSameSchemaAsPsql() throws Exception {
        Parity parity = deployBothWays("prisma");

        assertThat(parity.result().applied()).hasSize(12).allSatisfy(a -> assertThat(a.transactional()).as(a.name()).isTrue());
        assertThat(parity.library()).isEqualTo(parity.psql());
        assertThat(parity.library())
                .as("the enum rebuilt in Prisma's BEGIN; ... COMMIT; block, and the value added later")
                .contains("public.\"Role\" ('USER', 'ADMIN')\n")
                .contains("public.\"Status\" ('DRAFT', 'PUBLISHED', 'ARCHIVED')\n")
                .contains("public.\"Visibility\" ('PUBLIC', 'MEMBERS', 'HIDDEN')\n")
                .doesNotContain("Role_new", "Role_old", "MODERATOR")
                .contains("  4 role \"Role\" not null default 'USER'::\"Role\"\n")
                .as("tables, renamed column, citext column, join table and its indexes")
                .contains("table public.\"User\"\n  1 id integer not null default nextval('\"User_id_seq\"'::regclass)\n"
                        + "  2 email citext not null\n  3 \"displayName\" text\n")
                .contains("CREATE UNIQUE INDEX \"_PostToTag_AB_unique\" ON public.\"_PostToTag\" USING btree (\"A\", \"B\")\n")
                .contains("CREATE INDEX \"_PostToTag_B_idx\" ON public.\"_PostToTag\" USING btree (\"B\")\n")
                .contains("CREATE UNIQUE INDEX \"User_email_key\" ON public.\"User\" USING btree (email)\n")
                .doesNotContain("Post_authorId_createdAt_idx")
                .contains("public.\"Post\" \"Post_authorId_fkey\": FOREIGN KEY (\"authorId\") REFERENCES \"User\"(id)"
                        + " ON UPDATE CASCADE ON DELETE CASCADE\n")
                .containsPattern("\ncitext [0-9.]+ in schema public\n")
                .as("data inserted and changed by the migrations")
                .contains("== rows of public.\"User\"\n  (1,alice@example.com,Alice,ADMIN,\"2024-01-20 08:30:00\")\n"
                        + "  (2,bob@example.com,Bob,ADMIN,\"2024-01-20 08:30:00\")\n")
                .contains("(1,\"Hello; world\",\"First post. Semicolons; everywhere; \"\"quotes\"\" and 'apostrophes'.\",ARCHIVED,")
                .contains("== rows of public.\"_PostToTag\"\n  (1,1)\n  (1,2)\n  (2,3)\n  (3,2)\n")
                .contains("Café ☕ -- ünïcödé");
    }

    @Test
    void handwrittenPostgresMigrationsDeployToTheSameSchemaAsPsql() throws Exception {
        if (serverMajor() < 14) {
            // SQL-standard bodies came with PostgreSQL 14: psql fails there too. The library must fail at
            // the same place, roll that migration back whole, and keep the ones before it.
            MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class,
                    () -> Migrator.configure(db.dataSource()).locations("classpath:parity/handwritten").deploy());
            assertThat(e.migration()).isEqualTo("20230915100000_sql_standard_bodies");
            assertThat(e.sqlState()).isEqualTo("42601");
            assertThat(e.line()).isEqualTo(2);
            assertThat(db.column("SELECT migration_name FROM " + HISTORY_TABLE + " WHERE finished_at IS NOT NULL ORDER BY 1"))
                    .containsExactly("20230901080000_base_schema", "20230905120000_audit_functions", "20230906090000_initial_catalogue");
            assertThat(db.column("SELECT count(*) FROM pg_proc WHERE proname IN ('add', 'stock_level')")).containsExactly("0");
            return;
        }
        // A psql older than 18 leaves a CSV block's closing \. to the server, which no longer ends the data
        // there from 18 on: such a psql cannot be the reference. The library's own result is still checked.
        boolean psqlCanBeTheReference = serverMajor() < 18 || psqlMajor() >= 18;
        Parity parity = psqlCanBeTheReference ? deployBothWays("handwritten") : deployBothWays("handwritten", false);

        assertThat(parity.result().applied()).hasSize(13);
        assertThat(parity.result().applied()).filteredOn(a -> !a.transactional()).extracting(AppliedMigration::name)
                .as("CREATE INDEX CONCURRENTLY and the directive run without a transaction, the rest in one each")
                .containsExactly("20231005100000_search_index", "20231010120000_discontinued_state");
        if (psqlCanBeTheReference) {
            assertThat(parity.library()).isEqualTo(parity.psql());
        }
        assertThat(parity.library())
                .as("enum values added AFTER and BEFORE without a transaction, and used at once")
                .contains("public.item_state ('proposed', 'draft', 'active', 'discontinued', 'retired')\n")
                .contains("(7,\"Legacy gizmo\",LEG-0007,0,discontinued,")
                .as("plpgsql bodies in tagged dollar quotes, kept byte for byte")
                .contains("    msg text := 'changed; see audit';   -- a semicolon in a string in a tagged body\n")
                .contains("        msg := format($fmt$updated %s -> %s; it's \"quoted\"$fmt$, OLD.label, NEW.label);\n")
                .contains("    EXECUTE $sql$INSERT INTO item_audit (item_id, action, note) VALUES ($1, $2, $3)$sql$\n")
                .contains("    filler text := $$it's $$ || 'fine; really';")
                .contains("RETURN prefix || '-' || lpad(n::text, 4, '0') || $q$$q$;")
                .as("SQL-standard bodies, parsed by the server")
                .contains("CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n")
                .contains("BEGIN ATOMIC\n SELECT (a + b);\nEND")
                .contains("WHEN (q = 0) THEN 'out; of stock'::text")
                .contains("CREATE OR REPLACE PROCEDURE public.restock(IN item integer, IN amount integer)")
                .contains("CREATE TRIGGER items_audit AFTER INSERT OR UPDATE OF label, qty ON items FOR EACH ROW"
                        + " EXECUTE FUNCTION audit_item()\n")
                .as("COPY ... FROM stdin, text and CSV, with \\N, tabs, backslashes and a line break in a field")
                .contains("(1,\"Widget; large\",WID-0001,10,active,\"(EUR,1999)\",")
                .contains("(3,\"Spare part -- untrimmed\",,4,draft,,")
                .contains("(5,\"Tab\tinside and back\\\\slash\",,1,retired,,")
                .contains("(4,\"two\nlines\")")
                .as("E'' and U&'' strings, standard strings with backslashes, dollar-quoted values")
                .contains("(1,\"it's; escaped\n\",1)")
                .contains("(2,\"tab\there; backslash \\\\ done (reviewed)\",)")
                .contains("(4,\"ends with a backslash \\\\\",)")
                .contains("(5,\"C:\\\\Users\\\\\",)")
                .contains("(6,\"octal A and hex B and unicode é;\",)")
                .contains("(7,\"déjà vu; A\",)")
                .contains("(9,\" $$ nested $$ ; \",)")
                .as("quoted identifiers with semicolons, dollar signs in plain identifiers")
                .contains("table public.\"odd;name\"\n  1 \"semi;colon\" text\n  2 \"quote\"\"d\" integer\n")
                .contains("  2 \"rate$usd$\" numeric(12,6) not null\n")
                .as("views, sequence options, domains, concurrent indexes, partitions, comments")
                .contains("materialized view public.item_audit_summary AS\n")
                .contains("public.invoice_number_seq as bigint start 1001 increment 7 min 1000 max 9999999 cache 1"
                        + " no cycle last_value 2000 owned by public.invoices.number\n")
                .contains("public.positive_qty as integer not null default 0\n")
                .contains("CREATE INDEX items_label_trgm ON public.items USING gin (label extensions.gin_trgm_ops)\n")
                .contains("table public.stock_moves_2023_q4 partition of public.stock_moves FOR VALUES FROM ('2023-10-01') TO ('2024-01-01')")
                .contains("table public.\"odd;name\": From the legacy export; do not rename\n")
                .contains("column public.notes.body: Markdown\nallowed; keep it short\n")
                .contains("public.notes notes_linked PERMISSIVE for SELECT to {public} using ((item_id IS NOT NULL))\n")
                .contains("  (2,4,insert;update;restock;update)\n");
    }

    /**
     * Prisma sends a migration to the server as one query string, in which an explicit COMMIT ends the
     * transaction there; psql runs each statement on its own. Either way the enum value that the first
     * part adds is committed before the hand-written INSERT uses it.
     */
    @Test
    void aCommitInAMigrationEndsTheTransactionThereAsForPrismaAndPsql() throws Exception {
        Parity parity = deployBothWays("prisma-enum-commit");

        assertThat(parity.library()).isEqualTo(parity.psql());
        assertThat(parity.library())
                .contains("public.\"JobTask\" ('IMPORT', 'CLEANUP', 'EXPORT')\n")
                .contains("== rows of public.\"JobConfig\"\n  (1,IMPORT,t)\n  (2,CLEANUP,t)\n  (3,EXPORT,f)\n");
    }

    /**
     * A procedure that commits between batches can only run outside a transaction block. Prisma runs a
     * migration of a single statement outside one, and psql runs every statement so.
     */
    @Test
    void aProcedureThatCommitsBetweenBatchesRunsAsForPrismaAndPsql() throws Exception {
        Parity parity = deployBothWays("batched-backfill");

        assertThat(parity.library()).isEqualTo(parity.psql());
        assertThat(parity.library()).contains("  3 priority integer not null\n")
                .contains("  (3,export,10)\n").contains("  (2000,import,5)\n");
    }

    /**
     * What a migration writes must not depend on the time zone of the JVM that deploys it: Prisma and
     * psql leave the session in the server's time zone, in which a TIMESTAMP column converted to
     * TIMESTAMPTZ is interpreted. The deploy here runs in a JVM whose default zone differs from the
     * server's, as an application server's often does.
     */
    @Test
    void theDeployingJvmsTimeZoneDoesNotChangeWhatAMigrationWrites() throws Exception {
        String serverZone = psql(db.name(), "-A", "-t", "-c", "SHOW TimeZone").strip();
        String appZone = sameOffset(serverZone, "Asia/Tokyo") ? "America/New_York" : "Asia/Tokyo";
        TimeZone original = TimeZone.getDefault();
        Parity parity;
        TimeZone.setDefault(TimeZone.getTimeZone(appZone));
        try {
            parity = deployBothWays("prisma-timestamptz");
        } finally {
            TimeZone.setDefault(original);
        }

        assertThat(parity.library()).as("server time zone %s, JVM time zone %s", serverZone, appZone)
                .isEqualTo(parity.psql());
        assertThat(parity.library()).contains("  3 \"startsAt\" timestamp(3) with time zone not null\n")
                .contains("(1,\"Quarterly planning\",\"2024-01-20 ");
    }

    @Test
    void aPsqlMetaCommandFailsTheDeployBeforeAnyPendingMigrationRuns() throws Exception {
        MigrationDir migrations = new MigrationDir(dir)
                .add("20260101000000_users", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n")
                .add("20260102000000_fixtures", """
                        -- Fixtures, as we used to load them with psql
                        CREATE TABLE fixtures (id int PRIMARY KEY);
                        \\i other.sql
                        INSERT INTO fixtures VALUES (1);
                        """);
        String file = dir.resolve("20260102000000_fixtures").resolve("migration.sql").toString();

        InvalidMigrationException e = catchThrowableOfType(InvalidMigrationException.class,
                () -> Migrator.configure(db.dataSource()).locations(migrations.location()).deploy());

        assertThat(e).as("deploy must fail").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_SYNTAX);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.location()).endsWith(file);
        assertThat(e.getMessage()).startsWith("[SCRIPT_SYNTAX]").contains(file).contains("line 3");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '"
                + HISTORY_TABLE + "'")).as("no table of any pending migration, not even of the valid first one").isEmpty();
        if (db.tableExists(HISTORY_TABLE)) {
            assertThat(db.column("SELECT count(*) FROM " + HISTORY_TABLE)).as("history rows").containsExactly("0");
        }
    }

    private int psqlMajor() throws Exception {
        Process process = new ProcessBuilder(psqlOnPath().toString(), "--version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.").matcher(version);
        assertThat(m.find()).as("psql --version: %s", version).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private int serverMajor() throws Exception {
        return Integer.parseInt(db.column("SELECT current_setting('server_version_num')").get(0)) / 10000;
    }

    /** The same migration folder deployed by the library into the test's database and by psql into another. */
    private Parity deployBothWays(String set) throws Exception {
        return deployBothWays(set, true);
    }

    private Parity deployBothWays(String set, boolean withPsql) throws Exception {
        psqlOnPath();
        Path root = resourceFolder("parity/" + set);
        List<Path> folders;
        try (Stream<Path> children = Files.list(root)) {
            folders = children.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("\\d{14}_.+"))
                    .sorted()
                    .toList();
        }
        assertThat(folders).as("migrations in %s", root).isNotEmpty();

        DeployResult result = Migrator.configure(db.dataSource()).locations("classpath:parity/" + set).deploy();
        assertThat(result.applied()).extracting(AppliedMigration::name)
                .containsExactlyElementsOf(folders.stream().map(p -> p.getFileName().toString()).toList());
        assertThat(db.column("SELECT count(*) FROM " + HISTORY_TABLE
                + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"))
                .containsExactly(String.valueOf(folders.size()));
        String library;
        try (Connection c = db.connect()) {
            library = SchemaSnapshot.of(c, HISTORY_TABLE);
        }

        if (!withPsql) {
            return new Parity(result, library, null);
        }
        try (Database reference = TestDatabase.another()) {
            for (Path folder : folders) {
                runPsql(reference.name(), folder.resolve("migration.sql"));
            }
            try (Connection c = reference.connect()) {
                return new Parity(result, library, SchemaSnapshot.of(c, HISTORY_TABLE));
            }
        }
    }

    private record Parity(DeployResult result, String library, String psql) {
    }

    /** {@code psql -v ON_ERROR_STOP=1 -X -q -f file}, as one would apply the migrations by hand. */
    private void runPsql(String database, Path file) throws Exception {
        psql(database, "-q", "-f", file.toString());
    }

    /** Runs psql against a database of the test server, stops on the first error, and returns its output. */
    private String psql(String database, String... arguments) throws Exception {
        URI server = URI.create(db.url().substring("jdbc:".length()));
        String host = server.getHost().replace("[", "").replace("]", "");
        List<String> command = new ArrayList<>(List.of(psqlOnPath().toString(), "-v", "ON_ERROR_STOP=1", "-X", "-w",
                "-h", host, "-p", String.valueOf(server.getPort() > 0 ? server.getPort() : 5432),
                "-U", db.server().user(), "-d", database));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // the reference session gets the server's defaults, as Prisma's does: no PGTZ, PGOPTIONS, ...
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGCLIENTENCODING", "UTF8");
        env.put("PGAPPNAME", "migrate-parity-psql");
        if (db.server().password() != null) {
            env.put("PGPASSWORD", db.server().password());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("psql %s finished", List.of(arguments)).isTrue();
        assertThat(process.exitValue()).as("psql %s failed:%n%s", List.of(arguments), output).isZero();
        return output;
    }

    private static boolean sameOffset(String zone, String other) {
        Instant when = Instant.parse("2024-01-20T08:30:00Z");
        try {
            return ZoneId.of(zone).getRules().getOffset(when).equals(ZoneId.of(other).getRules().getOffset(when));
        } catch (DateTimeException e) {
            return zone.equals(other);
        }
    }

    private static Path resourceFolder(String name) throws Exception {
        URL url = PrismaParityIT.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        assertThat(url.getProtocol()).as("psql needs %s as files", name).isEqualTo("file");
        return Path.of(url.toURI());
    }

    /** psql from the PATH; without it the parity tests are skipped, not failed. */
    private static Path psqlOnPath() {
        String path = System.getenv("PATH");
        Path psql = path == null ? null : Stream.of(path.split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> Path.of(s, "psql"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(psql != null, "psql is not on the PATH: it is the reference these parity tests compare"
                + " against (install the PostgreSQL client, e.g. apt-get install postgresql-client; CI has it)");
        return psql;
    }
}
