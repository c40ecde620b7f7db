package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top of the command tree: lists the commands and the exit codes. */
@Command(name = "migrate", versionProvider = MigrateCommand.Version.class, sortOptions = false,
        description = "SQL schema migrations in the Prisma Migrate layout, from a shell, CI or a container.",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  success (status: the database is up to date)",
                "  1  the operation failed; the message starts with the library's [CODE]",
                "  2  usage error: a bad flag or setting, or a missing decision (reset --force)",
                "  3  status: migrations are pending; diff --exit-code: the schemas differ",
                "  4  status: a migration failed, was modified or deleted, or is out of order,",
                "     or the database drifted (--detect-drift); lint: a finding of severity error",
                "",
                "Settings come from migrate.properties (or --config FILE), then from",
                "MIGRATE_* environment variables, then from flags; the URL defaults to",
                "$DATABASE_URL. Variables of a .env file in the working directory count as",
                "environment variables unless set. Run 'migrate COMMAND --help' for a",
                "command's flags; with --json a failure prints {\"error\":{...}} too."})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version and exit")
    boolean version;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCode.USAGE;
    }

    /** The version in the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MigrateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"migrate " + (version == null ? "(development build)" : version)};
        }
    }
}
