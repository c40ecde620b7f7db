package io.migrate.it;

import io.migrate.Migrator;
import io.migrate.api.LintFinding;
import io.migrate.api.LintReport;
import io.migrate.testkit.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint catalogue against the server in use: every dangerous snippet gets exactly its expected
 * findings, each naming the right object; no safe snippet gets any. The catalogue's base schema is
 * deployed once; each case is the one pending migration after it. Lock levels and rewrites are those
 * of the server in use, so CI runs this on every supported major.
 */
class LintCatalogueIT {

    private static final String BASE = "20260101000000_base";
    private static final String CASE = "20260102000000_case";

    private static Database db;
    /** A given shadow database: emptied and refilled for each case, cheaper than creating one per case. */
    private static Database shadow;
    private static Path base;

    @BeforeAll
    static void deployBase(@TempDir Path dir) throws IOException {
        db = TestDatabase.another();
        shadow = TestDatabase.another();
        base = dir;
        new MigrationDir(dir.resolve("base")).add(BASE, LintCatalogue.resource("base.sql"));
        Migrator.configure(db.dataSource()).locations("filesystem:" + dir.resolve("base")).deploy();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
        if (shadow != null) {
            shadow.close();
        }
    }

    @Test
    void theCatalogueHoldsAtLeastFortyCasesOfEachKind() {
        assertThat(LintCatalogue.read("dangerous.sql")).hasSizeGreaterThanOrEqualTo(40)
                .allSatisfy(c -> assertThat(c.expected()).as(c.name()).isNotEmpty());
        assertThat(LintCatalogue.read("safe.sql")).hasSizeGreaterThanOrEqualTo(40)
                .allSatisfy(c -> assertThat(c.expected()).as(c.name()).isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> dangerousSnippetsGetTheirFindings() {
        return cases("dangerous.sql");
    }

    @TestFactory
    Stream<DynamicTest> safeSnippetsGetNone() {
        return cases("safe.sql");
    }

    private Stream<DynamicTest> cases(String file) {
        return LintCatalogue.read(file).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(serverMajor() >= c.minimumServer(), c.name() + " needs PostgreSQL " + c.minimumServer());
            LintReport report = lint(c);
            List<String> found = report.findings().stream().map(f -> f.rule() + " " + f.object()).toList();
            assertThat(found).as(c.name() + ":\n" + report).containsExactlyInAnyOrderElementsOf(c.expected());
            assertThat(report.migrations()).containsExactly(CASE);
            for (LintFinding f : report.findings()) {
                assertThat(f.migration()).isEqualTo(CASE);
                assertThat(f.line()).isPositive();
                assertThat(f.alternative()).isNotBlank();
                assertThat(c.sql().lines().skip(f.line() - 1).findFirst().orElse("")).as("line of " + f)
                        .isNotBlank();
            }
        }));
    }

    private static int serverMajor() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return c.getMetaData().getDatabaseMajorVersion();
        }
    }

    private static LintReport lint(LintCatalogue c) throws IOException {
        Path dir = Files.createTempDirectory(base, c.name());
        new MigrationDir(dir).add(BASE, LintCatalogue.resource("base.sql")).add(CASE, c.sql());
        Migrator migrator = Migrator.configure(db.dataSource()).locations("filesystem:" + dir)
                .shadowDatabase(shadow.dataSource());
        if (!c.options().contains("no-schema")) {
            migrator.schema("public");
        }
        if (!c.options().contains("no-lock-timeout")) {
            migrator.lockWaitTimeout(Duration.ofSeconds(5));
        }
        return migrator.lint();
    }
}
