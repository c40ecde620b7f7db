package io.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar on a terminal: {@code script(1)} gives it a pseudo-terminal, as a person at a shell would.
 * Prompts and colour appear only there (the other tests run without a terminal and see neither).
 */
class TerminalIT extends CommandFixture {

    @BeforeEach
    void setUp() {
        assumeTrue(new java.io.File("/usr/bin/script").canExecute(), "script(1) from util-linux is needed");
        cli.env("TERM", "xterm")
                .migration("20260101000000_create_users", "CREATE TABLE users (id int, name text);\n");
    }

    private Cli.Result onTerminal(String input, String... args) {
        List<String> command = new ArrayList<>(List.of(Cli.javaBinary(), "-jar", Cli.JAR.toString()));
        command.addAll(List.of(args));
        StringBuilder line = new StringBuilder();
        for (String part : command) {
            line.append(line.length() == 0 ? "" : " ").append('\'').append(part.replace("'", "'\\''")).append('\'');
        }
        return cli.start(List.of("/usr/bin/script", "-qec", line.toString(), "/dev/null"), input);
    }

    @Test
    void resetAsksAndDoesNothingUnlessConfirmed() {
        assertThat(cli.run("deploy").exitCode()).isZero();
        Cli.execute(db, "INSERT INTO users VALUES (1, 'kept')");

        Cli.Result declined = onTerminal("n\n", "reset");

        assertThat(declined.exitCode()).as(declined.toString()).isEqualTo(1);
        assertThat(declined.stdout()).contains("Drop every object in the schema of " + DatabaseUrl.masked(db.jdbcUrl())
                + " and migrate it from scratch? [y/N] ", "Reset cancelled: nothing was changed.");
        assertThat(Cli.column(db, "SELECT name FROM users")).containsExactly("kept");

        Cli.Result confirmed = onTerminal("y\n", "reset");

        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(confirmed.stdout()).contains("\u001b[32mReset the schema. Applied 1 migration in ");
        assertThat(Cli.column(db, "SELECT count(*) FROM users")).containsExactly("0");
    }

    @Test
    void pushThatLosesDataAsksAndChangesNothingUnlessConfirmed() {
        Cli.execute(db, "CREATE TABLE videos (id int, title text); INSERT INTO videos VALUES (1, 'intro')");
        cli.file("schema.sql", "CREATE TABLE videos (id int);\n");

        Cli.Result declined = onTerminal("n\n", "push", "--schema-file", "schema.sql");

        assertThat(declined.exitCode()).as(declined.toString()).isEqualTo(1);
        assertThat(declined.stdout()).contains("DATA LOSS: column public.videos.title is dropped (1 row holds a value)",
                "Lose this data and push anyway? [y/N] ", "Cancelled: nothing was changed (push would have lost data).");
        assertThat(Cli.column(db, "SELECT title FROM videos")).containsExactly("intro");

        Cli.Result confirmed = onTerminal("y\n", "push", "--schema-file", "schema.sql");

        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(confirmed.stdout()).contains("Pushed 1 statement:");
        assertThat(Cli.column(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'videos'"))
                .containsExactly("1");
    }

    @Test
    void colourOnlyOnATerminal() {
        Cli.Result coloured = onTerminal(null, "status");
        assertThat(coloured.exitCode()).isEqualTo(3);
        assertThat(coloured.stdout()).contains("\u001b[33m1 migration found in filesystem:db");

        Cli.Result plain = cli.run("status");
        assertThat(plain.exitCode()).isEqualTo(3);
        assertThat(plain.stdout()).startsWith("1 migration found in filesystem:db").doesNotContain("\u001b[");

        Cli.Result noColour = cli.env("NO_COLOR", "1").start(List.of("/usr/bin/script", "-qec",
                "'" + Cli.javaBinary() + "' -jar '" + Cli.JAR + "' status", "/dev/null"), null);
        assertThat(noColour.stdout()).contains("1 migration found in filesystem:db").doesNotContain("\u001b[");
    }
}
