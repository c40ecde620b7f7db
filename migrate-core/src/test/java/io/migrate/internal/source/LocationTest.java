package io.migrate.internal.source;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationTest {

    @Test
    void prefixesChooseTheKind() {
        assertThat(Location.parse("classpath:db")).isEqualTo(new Location(Location.Kind.CLASSPATH, "db"));
        assertThat(Location.parse("filesystem:/srv/db")).isEqualTo(new Location(Location.Kind.FILESYSTEM, "/srv/db"));
    }

    @Test
    void withoutAPrefixItIsOnTheClassPath() {
        assertThat(Location.parse("db/seed.sql")).isEqualTo(Location.parse("classpath:db/seed.sql"));
        assertThat(Location.parse("  db  ")).hasToString("classpath:db");
    }

    @Test
    void aWindowsPathIsNotAPrefix() {
        assertThat(Location.parse("C:\\db")).isEqualTo(new Location(Location.Kind.CLASSPATH, "C:\\db"));
        assertThat(Location.parse("filesystem:C:/db").kind()).isEqualTo(Location.Kind.FILESYSTEM);
    }

    @Test
    void writtenBackAsConfigured() {
        assertThat(Location.parse("classpath:/db/")).hasToString("classpath:/db/");
        assertThat(Location.parse("filesystem:migrations")).hasToString("filesystem:migrations");
    }

    @Test
    void resourceNameHasNoOuterSlashes() {
        assertThat(Location.parse("classpath:/db/pg/").resourceName()).isEqualTo("db/pg");
    }

    @Test
    void fileIsAbsoluteAndNormalised() {
        assertThat(Location.parse("filesystem:a/../db").file()).isEqualTo(Path.of("db").toAbsolutePath());
    }

    @Test
    void childIsInsideTheLocation() {
        assertThat(Location.parse("classpath:db/").child("seed.sql")).hasToString("classpath:db/seed.sql");
        assertThat(Location.parse("filesystem:/srv/db").child("seed.sql")).hasToString("filesystem:/srv/db/seed.sql");
    }

    @Test
    void rulesBrokenAreSaid() {
        assertThatThrownBy(() -> Location.parse(null)).hasMessage("a location must not be blank");
        assertThatThrownBy(() -> Location.parse(" ")).hasMessage("a location must not be blank");
        assertThatThrownBy(() -> Location.parse("classpath: ")).hasMessage("needs a path after the prefix");
        assertThatThrownBy(() -> Location.parse("http://example.com/db")).hasMessage("must start with classpath: or filesystem:");
    }
}
