package io.migrate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process's environment, with the variables of a {@code .env} file beneath it, as a Prisma
 * project has them: {@code .env} in the working directory when there is one, or the file given with
 * {@code --env-file}. A variable set in the environment wins over the file's, as in Prisma.
 */
final class Environment {

    static final String DEFAULT_FILE = ".env";

    private final Map<String, String> process;
    private final Map<String, String> file;
    private final Path path;

    private Environment(Map<String, String> process, Map<String, String> file, Path path) {
        this.process = process;
        this.file = file;
        this.path = path;
    }

    /**
     * @param process the process's environment
     * @param envFile the file given with {@code --env-file}, or null for {@code .env} if present
     */
    static Environment of(Map<String, String> process, Path envFile) {
        if (envFile != null && !Files.isRegularFile(envFile)) {
            throw new UsageException("The environment file " + envFile + " does not exist");
        }
        Path path = envFile != null ? envFile : Path.of(DEFAULT_FILE);
        if (!Files.isRegularFile(path)) {
            return new Environment(process, Map.of(), null);
        }
        try {
            return new Environment(process, parse(path, Files.readAllLines(path, StandardCharsets.UTF_8)), path);
        } catch (IOException e) {
            throw new UsageException("The environment file " + path + " cannot be read: " + e.getMessage());
        }
    }

    String get(String name) {
        String value = process.get(name);
        return value != null ? value : file.get(name);
    }

    /** Where a variable's value comes from, for messages. */
    String origin(String name) {
        return process.containsKey(name) || path == null ? "the environment variable " + name : name + " in " + path;
    }

    /**
     * {@code NAME=value} lines; {@code export } before the name, blank lines and {@code #} comments are
     * allowed. A value in single quotes is taken as written; in double quotes {@code \n} is a new line
     * and the value may span lines; an unquoted value ends at {@code " #"}.
     */
    static Map<String, String> parse(Path path, List<String> lines) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new UsageException("The environment file " + path + " has a line that is not NAME=value, at line "
                        + (i + 1));
            }
            String value = line.substring(eq + 1).strip();
            int start = i;
            if (value.startsWith("\"") || value.startsWith("'")) {
                char quote = value.charAt(0);
                StringBuilder quoted = new StringBuilder(value.substring(1));
                while (closing(quoted, quote) < 0 && i + 1 < lines.size()) {
                    quoted.append('\n').append(lines.get(++i));
                }
                int end = closing(quoted, quote);
                if (end < 0) {
                    throw new UsageException("The environment file " + path + " has a " + (quote == '"' ? "double" : "single")
                            + " quote that is not closed, at line " + (start + 1));
                }
                value = quote == '"' ? quoted.substring(0, end).replace("\\n", "\n").replace("\\\"", "\"")
                        : quoted.substring(0, end);
            } else {
                int comment = value.indexOf(" #");
                value = (comment < 0 ? value : value.substring(0, comment)).strip();
            }
            variables.put(name, value);
        }
        return variables;
    }

    private static int closing(CharSequence text, char quote) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\' && quote == '"') {
                i++;
            } else if (text.charAt(i) == quote) {
                return i;
            }
        }
        return -1;
    }
}
