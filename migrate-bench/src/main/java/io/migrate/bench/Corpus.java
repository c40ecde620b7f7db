package io.migrate.bench;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates the migrations every tool applies: the kind of history a real application grows —
 * tables with foreign keys and indexes, Prisma-style constraint migrations, seed inserts with
 * quoted text, plpgsql functions and triggers with dollar-quoted bodies, views and alters.
 * The output depends only on the count, so the first n migrations of any corpus are the same.
 */
final class Corpus {

    /** One migration: its name without a version prefix, and its SQL. */
    record Migration(int number, String slug, String sql) {
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final String[] STATUSES = {"new", "active", "suspended", "closed"};
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
        "hotel", "india", "juliett", "kilo", "lima", "O'Brien", "semi;colon", "dollar$sign", "quote\"d"};

    private final List<Integer> tables = new ArrayList<>();
    private final List<Migration> migrations = new ArrayList<>();

    private Corpus() {
    }

    /** The first {@code count} migrations. */
    static List<Migration> generate(int count) {
        Corpus corpus = new Corpus();
        for (int i = 1; i <= count; i++) {
            corpus.migrations.add(corpus.next(i));
        }
        return List.copyOf(corpus.migrations);
    }

    /** The Prisma folder name of migration {@code number}: a 14-digit timestamp, one minute apart. */
    static String folderName(Migration m) {
        return EPOCH.plusMinutes(m.number()).format(TIMESTAMP) + "_" + m.slug();
    }

    private Migration next(int i) {
        Random random = new Random(7919L * i);
        if (tables.size() < 3) {
            return createTable(i, random);
        }
        int pick = random.nextInt(100);
        if (pick < 35) {
            return createTable(i, random);
        } else if (pick < 50) {
            return prismaRelation(i, random);
        } else if (pick < 65) {
            return alter(i, random);
        } else if (pick < 80) {
            return seed(i, random);
        } else if (pick < 90) {
            return function(i, random);
        }
        return view(i, random);
    }

    private Migration createTable(int i, Random random) {
        String t = table(i);
        StringBuilder sql = new StringBuilder("-- CreateTable\n")
                .append("CREATE TABLE ").append(t).append(" (\n")
                .append("    id BIGSERIAL PRIMARY KEY,\n")
                .append("    name VARCHAR(200) NOT NULL,\n")
                .append("    status VARCHAR(20) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'suspended', 'closed')),\n")
                .append("    amount NUMERIC(12, 2),\n")
                .append("    payload JSONB NOT NULL DEFAULT '{}'::jsonb,\n")
                .append("    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n")
                .append("    updated_at TIMESTAMPTZ");
        String parent = null;
        if (!tables.isEmpty()) {
            parent = table(pickTable(random));
            sql.append(",\n    parent_id BIGINT REFERENCES ").append(parent).append(" (id) ON DELETE SET NULL");
        }
        sql.append("\n);\n\n-- CreateIndex\n")
                .append("CREATE UNIQUE INDEX ").append(t).append("_name_key ON ").append(t).append(" (name);\n")
                .append("CREATE INDEX ").append(t).append("_status_created_idx ON ").append(t)
                .append(" (status, created_at DESC);\n");
        if (parent != null) {
            sql.append("CREATE INDEX ").append(t).append("_parent_idx ON ").append(t).append(" (parent_id);\n");
        }
        sql.append("\nCOMMENT ON TABLE ").append(t).append(" IS 'Created by migration ").append(i)
                .append("; it''s generated';\n");
        tables.add(i);
        return new Migration(i, "create_" + t, sql.toString());
    }

    /** What Prisma Migrate writes for a new relation: a join table, then constraints added separately. */
    private Migration prismaRelation(int i, Random random) {
        String left = table(pickTable(random));
        String right = table(pickTable(random));
        String t = "\"" + table(i) + "_link\"";
        String sql = "-- CreateTable\n"
                + "CREATE TABLE " + t + " (\n"
                + "    \"A\" BIGINT NOT NULL,\n"
                + "    \"B\" BIGINT NOT NULL,\n"
                + "    \"note\" TEXT,\n"
                + "    CONSTRAINT \"" + table(i) + "_link_pkey\" PRIMARY KEY (\"A\", \"B\")\n"
                + ");\n\n"
                + "-- CreateIndex\n"
                + "CREATE INDEX \"" + table(i) + "_link_B_index\" ON " + t + "(\"B\");\n\n"
                + "-- AddForeignKey\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT \"" + table(i) + "_link_A_fkey\" FOREIGN KEY (\"A\") REFERENCES "
                + left + "(id) ON DELETE CASCADE ON UPDATE CASCADE;\n\n"
                + "-- AddForeignKey\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT \"" + table(i) + "_link_B_fkey\" FOREIGN KEY (\"B\") REFERENCES "
                + right + "(id) ON DELETE CASCADE ON UPDATE CASCADE;\n";
        return new Migration(i, "relation_" + table(i), sql);
    }

    private Migration alter(int i, Random random) {
        String t = table(pickTable(random));
        String column = "extra_" + i;
        String sql = "-- AlterTable\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + column + " INTEGER NOT NULL DEFAULT " + random.nextInt(100) + ",\n"
                + "    ADD COLUMN " + column + "_label TEXT;\n"
                + "ALTER TABLE " + t + " ALTER COLUMN amount SET DEFAULT 0;\n"
                + "CREATE INDEX " + t + "_" + column + "_idx ON " + t + " (" + column + ") WHERE " + column + " > 0;\n"
                + "COMMENT ON COLUMN " + t + "." + column + " IS 'Added by migration " + i + "';\n";
        return new Migration(i, "alter_" + t + "_" + column, sql);
    }

    private Migration seed(int i, Random random) {
        String t = table(pickTable(random));
        int rows = 5 + random.nextInt(16);
        StringBuilder sql = new StringBuilder("-- Seed\nINSERT INTO ").append(t)
                .append(" (name, status, amount, payload) VALUES\n");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "    " : ",\n    ").append(row("m" + i + "_" + r, random));
        }
        sql.append("\nON CONFLICT (name) DO NOTHING;\n")
                .append("UPDATE ").append(t).append(" SET updated_at = now() WHERE status = 'active';\n");
        return new Migration(i, "seed_" + t, sql.toString());
    }

    private Migration function(int i, Random random) {
        String t = table(pickTable(random));
        String fn = "touch_" + t + "_" + i;
        String tag = random.nextBoolean() ? "$$" : "$body$";
        String sql = "-- CreateFunction\n"
                + "CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger\n"
                + "LANGUAGE plpgsql AS " + tag + "\n"
                + "DECLARE\n"
                + "    note text := 'touched; by ' || TG_OP;  -- a semicolon inside a string inside the body\n"
                + "BEGIN\n"
                + "    IF NEW.name IS DISTINCT FROM OLD.name THEN\n"
                + "        NEW.updated_at := now();\n"
                + "        RAISE DEBUG 'renamed %: %', NEW.id, note;\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END;\n"
                + tag + ";\n\n"
                + "CREATE TRIGGER " + fn + "_trg BEFORE UPDATE ON " + t + "\n"
                + "    FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n\n"
                + "CREATE OR REPLACE FUNCTION " + t + "_total_" + i + "(min_amount numeric) RETURNS numeric\n"
                + "LANGUAGE sql STABLE AS $fn$\n"
                + "    SELECT coalesce(sum(amount), 0) FROM " + t + " WHERE amount >= min_amount;\n"
                + "$fn$;\n";
        return new Migration(i, "function_" + fn, sql);
    }

    private Migration view(int i, Random random) {
        String t = table(pickTable(random));
        String v = "v_" + t + "_" + i;
        String sql = "-- CreateView\n"
                + "CREATE VIEW " + v + " AS\n"
                + "SELECT status, count(*) AS n, sum(amount) AS total, max(created_at) AS newest\n"
                + "FROM " + t + "\n"
                + "WHERE name NOT LIKE '%;%' /* names with ';' are test data */\n"
                + "GROUP BY status;\n";
        return new Migration(i, "view_" + v, sql);
    }

    /**
     * One migration of about {@code bytes} UTF-8 bytes: a table, then multi-row inserts of 100 rows
     * each whose strings hold semicolons and quotes — a data migration or a pg_dump-style seed. It
     * has no dollar quotes, so that every tool splits it with its own splitter.
     */
    static Migration big(int bytes) {
        Random random = new Random(42);
        StringBuilder sql = new StringBuilder(bytes + 4096)
                .append("-- A large data migration\n")
                .append("CREATE TABLE big_data (\n")
                .append("    id BIGSERIAL PRIMARY KEY,\n")
                .append("    name VARCHAR(200) NOT NULL,\n")
                .append("    status VARCHAR(20) NOT NULL,\n")
                .append("    amount NUMERIC(12, 2),\n")
                .append("    payload JSONB NOT NULL\n")
                .append(");\n\n");
        int statement = 0;
        while (sql.length() < bytes) {
            sql.append("INSERT INTO big_data (name, status, amount, payload) VALUES\n");
            for (int r = 0; r < 100; r++) {
                sql.append(r == 0 ? "    " : ",\n    ").append(row("big" + statement + "_" + r, random));
            }
            sql.append(";\n");
            statement++;
        }
        sql.append("\nCREATE INDEX big_data_status_idx ON big_data (status);\n");
        return new Migration(1, "big_data", sql.toString());
    }

    /** A data migration and how many rows it inserts. */
    record DataMigration(Migration migration, int rows) {
    }

    /**
     * One migration of about {@code bytes} UTF-8 bytes made of single-row {@code INSERT}s, one per
     * line, the shape of a {@code pg_dump --inserts} file: many small statements rather than a few
     * large ones. The strings hold semicolons and quotes; there are no dollar quotes.
     */
    static DataMigration singleRowInserts(int bytes) {
        Random random = new Random(4242);
        StringBuilder sql = new StringBuilder(bytes + 4096)
                .append("-- One row per statement\n")
                .append("CREATE TABLE many_rows (\n")
                .append("    id BIGSERIAL PRIMARY KEY,\n")
                .append("    name VARCHAR(200) NOT NULL,\n")
                .append("    status VARCHAR(20) NOT NULL,\n")
                .append("    amount NUMERIC(12, 2),\n")
                .append("    payload JSONB NOT NULL\n")
                .append(");\n\n");
        int rows = 0;
        while (sql.length() < bytes) {
            sql.append("INSERT INTO many_rows (name, status, amount, payload) VALUES ")
                    .append(row("r" + rows, random)).append(";\n");
            rows++;
        }
        return new DataMigration(new Migration(1, "many_rows", sql.toString()), rows);
    }

    private static String row(String key, Random random) {
        String word = WORDS[random.nextInt(WORDS.length)];
        return "('" + key + " " + word.replace("'", "''") + "', '" + STATUSES[random.nextInt(STATUSES.length)] + "', "
                + random.nextInt(100_000) / 100.0 + ", '{\"k\": " + random.nextInt(1000) + ", \"w\": \""
                + word.replace("\"", "\\\"").replace("'", "''") + "\"}')";
    }

    private int pickTable(Random random) {
        return tables.get(random.nextInt(tables.size()));
    }

    private static String table(int i) {
        return String.format(Locale.ROOT, "t%04d", i);
    }
}
