package io.migrate.it;

import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.SqlStatement;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The splitter's statement boundaries are psql's: each script of a corpus of tricky ones runs through
 * {@code psql -f} into a database of its own, through a relay that records what the server receives
 * on the wire (each query message, and the data of each COPY), and the splitter must give the same
 * statements, in the same order, with the same COPY data.
 *
 * <p>psql sends a statement with its semicolon and with the comments that precede it on the same
 * run of comments (leading {@code --} lines it drops, leading block comments it keeps); the splitter
 * drops both and the semicolon. That difference, and nothing else, is normalised away.
 */
class PsqlBoundariesIT {

    @RegisterExtension
    final TestDatabase db = new TestDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"01_dollar_quotes.sql", "02_comments.sql", "03_strings.sql", "04_copy.sql",
            "05_atomic_bodies.sql", "06_rules.sql", "07_transactions.sql"})
    void theSplitterEndsStatementsWherePsqlDoes(String file) throws Exception {
        Path psql = psqlOnPath();
        assumeTrue(psql != null, "psql is not on the PATH");
        Path script = corpus(file);
        String text = Files.readString(script, StandardCharsets.UTF_8);

        List<WireTap.Message> sent;
        String output;
        URI server = URI.create(db.url().substring("jdbc:".length()));
        try (WireTap tap = new WireTap(server.getHost(), server.getPort() > 0 ? server.getPort() : 5432)) {
            output = runPsql(psql, tap.port(), script);
            sent = tap.received();
        }
        if (serverMajor() >= 14) {
            assertThat(output).as("psql ran %s without errors", file).doesNotContain("ERROR:");
        }

        List<String> expected = new ArrayList<>();
        for (WireTap.Message message : sent) {
            if (message.query() != null) {
                String statement = normalise(message.query());
                if (!statement.isEmpty()) {
                    expected.add(statement);
                }
            } else {
                expected.add("COPY DATA " + withoutEndMarker(message.copyData()));
            }
        }
        List<String> actual = new ArrayList<>();
        for (SqlStatement statement : new PostgresDialect().split(text)) {
            actual.add(statement.sql());
            if (statement.kind() == SqlStatement.Kind.COPY_IN) {
                actual.add("COPY DATA " + statement.copyData());
            }
        }
        assertThat(actual).as("statements of %s, as the splitter sees them and as psql sent them", file)
                .containsExactlyElementsOf(expected);
    }

    /** Drops what psql keeps and the splitter does not: leading comments and whitespace, the semicolon. */
    static String normalise(String query) {
        String s = query;
        boolean changed = true;
        while (changed) {
            String before = s;
            s = s.stripLeading();
            if (s.startsWith("--")) {
                int eol = s.indexOf('\n');
                s = eol < 0 ? "" : s.substring(eol + 1);
            } else if (s.startsWith("/*")) {
                int depth = 0;
                int i = 0;
                while (i < s.length() - 1) {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        i += 2;
                        if (--depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                s = s.substring(i);
            }
            changed = !s.equals(before);
        }
        s = s.stripTrailing();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    /** psql before 18 also sends the {@code \.} line of text-format data; the server stops there either way. */
    private static String withoutEndMarker(String data) {
        return data.endsWith("\\.\n") ? data.substring(0, data.length() - 3) : data;
    }

    private String runPsql(Path psql, int port, Path script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-w", "-v", "ON_ERROR_STOP=0",
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", db.server().user(), "-d", db.name(), "-f", script.toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGSSLMODE", "disable");
        env.put("PGGSSENCMODE", "disable");
        env.put("PGCLIENTENCODING", "UTF8");
        if (db.server().password() != null) {
            env.put("PGPASSWORD", db.server().password());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("psql finished").isTrue();
        assertThat(process.exitValue()).as("psql exit code:%n%s", output).isZero();
        return output;
    }

    private int serverMajor() throws Exception {
        return Integer.parseInt(db.column("SELECT current_setting('server_version_num')").get(0)) / 10000;
    }

    private static Path corpus(String file) throws Exception {
        URL url = PsqlBoundariesIT.class.getClassLoader().getResource("psql-corpus/" + file);
        assertThat(url).as("corpus file %s", file).isNotNull();
        return Path.of(url.toURI());
    }

    private static Path psqlOnPath() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, "psql");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
