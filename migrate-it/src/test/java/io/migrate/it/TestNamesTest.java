package io.migrate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's check that every test class runs (build/TestNames.java, run by the parent pom in each
 * module with test sources), run here as the build runs it: a separate {@code java} on a source tree.
 */
class TestNamesTest {

    private static final Path SCRIPT = Paths.get("..", "build", "TestNames.java").toAbsolutePath().normalize();

    @TempDir
    Path tests;

    @Test
    void failsTheBuildForATestClassThatNoPluginRuns() throws Exception {
        write("a/SplitterProperties.java", "package a;\nclass SplitterProperties {\n    @Property(tries = 10)\n    void p() {}\n}\n");
        write("a/Checks.java", "package a;\nclass Checks {\n    @org.junit.jupiter.api.Test void t() {}\n}\n");
        write("a/Rows.java", "package a;\nclass Rows {\n    @ParameterizedTest\n    void p(int x) {}\n}\n");

        Run run = run();

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output().lines()).containsExactly(
                "a/Checks.java: class Checks has @Test methods but its name matches none of *Test, *IT,"
                        + " so neither Surefire nor Failsafe runs it",
                "a/Rows.java: class Rows has @ParameterizedTest methods but its name matches none of *Test, *IT,"
                        + " so neither Surefire nor Failsafe runs it",
                "a/SplitterProperties.java: class SplitterProperties has @Property methods but its name matches"
                        + " none of *Test, *IT, so neither Surefire nor Failsafe runs it",
                "3 test class(es) under " + tests + " would never run: rename each to match *Test or *IT"
                        + " (unit tests *Test, tests that need a database *IT)");
    }

    @Test
    void passesTestsNamedToThePatternsAndClassesWithoutTestMethods() throws Exception {
        write("a/SplitterPropertiesTest.java", "package a;\nclass SplitterPropertiesTest {\n    @Property\n    void p() {}\n}\n");
        write("a/DeployIT.java", "package a;\nclass DeployIT {\n    @Test\n    void t() {}\n}\n");
        write("a/LogCapture.java", "package a;\n/**\n * @Test in a comment\n */\nclass LogCapture {\n    // @Test\n"
                + "    @TestInstance(PER_CLASS) void notATest() {}\n}\n");
        write("a/AbstractCases.java", "package a;\nabstract class AbstractCases {\n    @Test\n    void t() {}\n}\n");

        Run run = run();

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).isEmpty();
    }

    @Test
    void theModulesOfThisBuildPass() throws Exception {
        for (String module : List.of("migrate-api", "migrate-core", "migrate-postgres", "migrate-testkit", "migrate-it")) {
            Path sources = Paths.get("..", module, "src", "test", "java").toAbsolutePath().normalize();
            Run run = run(sources);
            assertThat(run.exit()).as("%s: %s", module, run.output()).isZero();
        }
    }

    private void write(String file, String code) throws Exception {
        Path path = tests.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, code);
    }

    private record Run(int exit, String output) {
    }

    private Run run() throws Exception {
        return run(tests);
    }

    private static Run run(Path sources) throws Exception {
        try (ChildJvm java = ChildJvm.start("test-names",
                List.of(SCRIPT.toString(), sources.toString(), "*Test", "*IT"), Map.of())) {
            Integer exit = java.waitFor(Duration.ofSeconds(60));
            assertThat(exit).as("the check ended:%n%s", java.tail(20)).isNotNull();
            return new Run(exit, java.output());
        }
    }
}
