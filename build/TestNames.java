import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the build when a test class would never run: a source file under a module's test directory
 * that declares JUnit Jupiter or jqwik test methods, but whose class name matches none of the
 * patterns Surefire and Failsafe run ({@code *Test}, {@code *IT}). Run by the parent pom in every
 * module that has test sources:
 *
 * <pre>java build/TestNames.java &lt;test source directory&gt; &lt;pattern&gt;...</pre>
 *
 * A pattern is a class name with {@code *} for any characters. Abstract classes are exempt: their
 * methods run through the classes that extend them. Exits with 1 and one line per class otherwise.
 */
public class TestNames {

    /** A test method's annotation at the start of a line, as code (not in a comment) writes it. */
    private static final Pattern TEST_METHOD = Pattern.compile(
            "(?m)^\\s*@(?:org\\.junit\\.jupiter\\.api\\.|org\\.junit\\.jupiter\\.params\\.|net\\.jqwik\\.api\\.)?"
                    + "(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b");
    private static final Pattern ABSTRACT_CLASS = Pattern.compile("(?m)^\\s*(?:public\\s+)?abstract\\s+class\\s");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java TestNames.java <test source directory> <pattern>...");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        List<String> patterns = List.of(args).subList(1, args.length);
        List<String> problems = check(root, patterns);
        problems.forEach(System.err::println);
        if (!problems.isEmpty()) {
            System.err.println(problems.size() + " test class(es) under " + root + " would never run: rename each to"
                    + " match " + String.join(" or ", patterns) + " (unit tests *Test, tests that need a database *IT)");
            System.exit(1);
        }
    }

    static List<String> check(Path root, List<String> patterns) throws IOException {
        List<Pattern> names = patterns.stream().map(TestNames::glob).toList();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return problems;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.java$", "");
                if (name.equals("package-info") || name.equals("module-info")
                        || names.stream().anyMatch(p -> p.matcher(name).matches())) {
                    continue;
                }
                String code = COMMENTS.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll(" ");
                var method = TEST_METHOD.matcher(code);
                if (method.find() && !ABSTRACT_CLASS.matcher(code).find()) {
                    problems.add(root.relativize(file) + ": class " + name + " has @" + method.group(1)
                            + " methods but its name matches none of " + String.join(", ", patterns)
                            + ", so neither Surefire nor Failsafe runs it");
                }
            }
        }
        return problems;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            regex.append(Pattern.quote(part)).append(".*");
        }
        return Pattern.compile(regex.substring(0, regex.length() - 2));
    }
}
