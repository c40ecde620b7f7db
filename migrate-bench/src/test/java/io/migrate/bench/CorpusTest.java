package io.migrate.bench;

import io.migrate.postgres.PostgresDialect;
import io.migrate.spi.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusTest {

    @Test
    void aSmallerCorpusIsThePrefixOfALargerOne() {
        assertThat(Corpus.generate(1000).subList(0, 100)).isEqualTo(Corpus.generate(100));
    }

    @Test
    void holdsEveryKindOfMigration() {
        List<Corpus.Migration> corpus = Corpus.generate(1000);

        assertThat(corpus).extracting(m -> m.slug().replaceAll("_.*", ""))
                .contains("create", "relation", "alter", "seed", "function", "view");
        String all = String.join("\n", corpus.stream().map(Corpus.Migration::sql).toList());
        assertThat(all).contains("$body$", "$$", "$fn$", "REFERENCES", "FOREIGN KEY", "CREATE UNIQUE INDEX", "INSERT INTO",
                "ALTER TABLE", "CREATE VIEW", "CREATE TRIGGER", "O''Brien");
    }

    @Test
    void everyMigrationSplitsIntoStatements() {
        PostgresDialect dialect = new PostgresDialect();
        for (Corpus.Migration m : Corpus.generate(300)) {
            List<SqlStatement> statements = dialect.split(m.sql());
            assertThat(statements).as(m.slug()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.kind()).isEqualTo(SqlStatement.Kind.ORDINARY));
        }
    }

    @Test
    void folderNamesAreFourteenDigitTimestampsInOrder() {
        List<Corpus.Migration> corpus = Corpus.generate(1000);

        assertThat(corpus).allSatisfy(m -> assertThat(Corpus.folderName(m)).matches("\\d{14}_[a-z0-9_]+"));
        assertThat(corpus.stream().map(Corpus::folderName).toList()).isSorted();
    }

    @Test
    void theLargeMigrationHasTheRequestedSize() {
        int bytes = Corpus.big(1_000_000).sql().length();

        assertThat(bytes).isBetween(1_000_000, 1_030_000);
    }

    @Test
    void writesTheSameBytesInEveryLayout(@TempDir Path dir) throws Exception {
        List<Corpus.Migration> corpus = Corpus.generate(20);

        Layout layout = Layout.write(dir.resolve("c"), corpus);

        Corpus.Migration function = corpus.stream().filter(m -> m.slug().startsWith("function")).findFirst().orElseThrow();
        String folder = Corpus.folderName(function);
        byte[] prisma = Files.readAllBytes(layout.prisma().resolve(folder).resolve("migration.sql"));
        assertThat(Files.readAllBytes(layout.flyway().resolve("V" + function.number() + "__" + function.slug() + ".sql")))
                .isEqualTo(prisma);
        assertThat(Files.readAllBytes(layout.liquibase().resolve("sql").resolve(folder + ".sql"))).isEqualTo(prisma);
        String changelog = Files.readString(layout.liquibase().resolve(Layout.CHANGELOG));
        assertThat(changelog).contains("<changeSet id=\"" + folder + "\"")
                .contains("sql/" + folder + ".sql\" relativeToChangelogFile=\"true\" splitStatements=\"false\"");
        assertThat(Layout.at(layout.root())).isEqualTo(layout);
        assertThat(layout.statements()).hasSize(20);
    }

    @Test
    void singleRowInsertsHaveOneRowPerStatement() {
        Corpus.DataMigration data = Corpus.singleRowInserts(200_000);

        List<SqlStatement> statements = new PostgresDialect().split(data.migration().sql());
        assertThat(data.migration().sql().length()).isBetween(200_000, 200_400);
        assertThat(statements).hasSize(data.rows() + 1);
        assertThat(statements.subList(1, statements.size()))
                .allSatisfy(s -> assertThat(s.sql()).startsWith("INSERT INTO many_rows").doesNotContain("),("));
    }
}
