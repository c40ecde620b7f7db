package io.migrate.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentTest {

    private static final Path FILE = Path.of(".env");

    @Test
    void linesAsDotenvFilesHaveThem() {
        Map<String, String> variables = Environment.parse(FILE, List.of(
                "# comment", "", "DATABASE_URL=postgresql://app:s3cret@db:5432/app?schema=public",
                "export SHADOW_DATABASE_URL = 'postgresql://app@db/shadow' ",
                "PLAIN=value # trailing comment", "HASH=abc#def", "EMPTY=",
                "MULTI=\"first", "second\\\"quoted\\\"\"", "ESCAPED=\"a\\nb\""));

        assertThat(variables).containsExactly(
                Map.entry("DATABASE_URL", "postgresql://app:s3cret@db:5432/app?schema=public"),
                Map.entry("SHADOW_DATABASE_URL", "postgresql://app@db/shadow"),
                Map.entry("PLAIN", "value"), Map.entry("HASH", "abc#def"), Map.entry("EMPTY", ""),
                Map.entry("MULTI", "first\nsecond\"quoted\""), Map.entry("ESCAPED", "a\nb"));
    }

    @Test
    void malformedLinesNameTheFileAndLine() {
        assertThatThrownBy(() -> Environment.parse(FILE, List.of("A=1", "not a variable")))
                .isInstanceOf(UsageException.class)
                .hasMessage("The environment file .env has a line that is not NAME=value, at line 2");
        assertThatThrownBy(() -> Environment.parse(FILE, List.of("A='open", "B=2")))
                .isInstanceOf(UsageException.class)
                .hasMessage("The environment file .env has a single quote that is not closed, at line 1");
    }
}
