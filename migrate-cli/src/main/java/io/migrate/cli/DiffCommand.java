package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", sortOptions = false,
        description = {"Compare two schemas and print the changes from the first to the second, or the SQL script "
                + "that makes them (--script). Migrations and schema files are applied to a temporary shadow "
                + "database on the server of --url first.",
                "With --exit-code it exits 0 when they are the same and 3 when they differ."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate diff --from-migrations --to-url \"$DATABASE_URL\"",
                "  migrate diff --from-empty --to-schema schema.sql --script > init.sql",
                "  migrate diff --from-migrations --to-schema schema.sql --exit-code"})
final class DiffCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 5)
    From from;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 6)
    To to;

    @Option(names = "--script", order = 7, description = "Print the SQL script instead of the summary")
    boolean script;

    @Option(names = "--exit-code", order = 8, description = "Exit 3 when the schemas differ, 0 when they are the same")
    boolean exitCode;

    @Option(names = "--json", order = 9, description = "Print the changes, warnings and statements as JSON")
    boolean json;

    static final class From {
        @Option(names = "--from-empty", required = true, description = "An empty schema")
        boolean empty;
        @Option(names = "--from-migrations", required = true, arity = "0..1", fallbackValue = "", paramLabel = "LOCATIONS",
                description = "The migrations (default: the configured locations), replayed on a shadow database")
        String migrations;
        @Option(names = "--from-schema", required = true, paramLabel = "FILE", description = "A SQL file of the desired schema")
        String schema;
        @Option(names = "--from-url", required = true, paramLabel = "URL", description = "A database as it is now")
        String url;
    }

    static final class To {
        @Option(names = "--to-empty", required = true, description = "An empty schema")
        boolean empty;
        @Option(names = "--to-migrations", required = true, arity = "0..1", fallbackValue = "", paramLabel = "LOCATIONS",
                description = "The migrations (default: the configured locations), replayed on a shadow database")
        String migrations;
        @Option(names = "--to-schema", required = true, paramLabel = "FILE", description = "A SQL file of the desired schema")
        String schema;
        @Option(names = "--to-url", required = true, paramLabel = "URL", description = "A database as it is now")
        String url;
    }

    @Override
    public Integer call() {
        Migrator migrator = options.migrator();
        SchemaDiff diff = migrator.diff(source(from.empty, from.migrations, from.schema, from.url),
                source(to.empty, to.migrations, to.schema, to.url));
        if (json) {
            List<String> warnings = new ArrayList<>();
            diff.warnings().forEach(w -> warnings.add(Json.quote(w)));
            List<String> statements = new ArrayList<>();
            diff.statements().forEach(s -> statements.add(Json.quote(s)));
            System.out.println(new Json().field("empty", diff.isEmpty()).field("summary", diff.toString())
                    .raw("warnings", Json.array(warnings)).raw("statements", Json.array(statements)));
        } else {
            String text = script ? diff.script() : diff.toString();
            System.out.print(text.endsWith("\n") ? text : text + "\n");
        }
        return exitCode && !diff.isEmpty() ? ExitCode.PENDING : ExitCode.OK;
    }

    private static SchemaSource source(boolean empty, String migrations, String schema, String url) {
        if (empty) {
            return SchemaSource.empty();
        }
        if (migrations != null) {
            return migrations.isBlank() ? SchemaSource.migrations()
                    : SchemaSource.migrations(Configuration.locations(migrations).toArray(String[]::new));
        }
        if (schema != null) {
            return SchemaSource.schemaFile(schema.startsWith("classpath:") || schema.startsWith("filesystem:")
                    ? schema : "filesystem:" + schema);
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        parsed.secrets().forEach(Secrets::add);
        return SchemaSource.database(new DriverManagerDataSource(parsed.jdbcUrl(), parsed.user(), parsed.password()));
    }
}
