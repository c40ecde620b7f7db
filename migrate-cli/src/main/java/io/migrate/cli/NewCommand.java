package io.migrate.cli;

import io.migrate.Migrator;
import io.migrate.api.CreatedMigration;
import io.migrate.cli.Configuration.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "new", sortOptions = false,
        description = "Create an empty migration, <UTC yyyyMMddHHmmss>_<NAME>/migration.sql, in the first filesystem "
                + "location, for SQL written by hand. Needs no database.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate new add_user_email", "  migrate new \"add user email\" --locations db/migrations"})
final class NewCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "NAME", description = "What the migration does; other characters than letters, digits "
            + "and '_' become '_'")
    String name;

    @Override
    public Integer call() {
        String slug = slug(name);
        Configuration configuration = options.configuration();
        // Writing a file opens no connection: without a URL the builder gets a data source that is never asked for one.
        Migrator migrator = configuration.get(Setting.URL) == null
                ? configuration.configure(Migrator.configure(new DriverManagerDataSource("jdbc:none:", null, null)))
                : CommonOptions.migrator(configuration);
        CreatedMigration created = migrator.createEmpty(slug);
        System.out.println("Created " + shown(created.folder().orElseThrow().resolve("migration.sql")));
        return ExitCode.OK;
    }

    /** A name as a shell user types it ({@code "add user email"}) in the library's letters, digits and '_'. */
    static String slug(String name) {
        String slug = name.strip().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new UsageException("The migration name '" + name + "' has no letter or digit; "
                    + "name it after what it does, e.g. add_user_email");
        }
        return slug;
    }

    /** A path as the user gave it: relative to the working directory when it is under it. */
    static String shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
