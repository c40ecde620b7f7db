package io.migrate.cli;

import io.migrate.api.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "status", sortOptions = false,
        description = {"Show where every migration stands: applied, pending, failed, rolled back, modified, missing "
                + "or out of order. Reads only: takes no lock and creates nothing.",
                "Exits 0 when the database is up to date, 3 when migrations are pending, 4 when something must be "
                        + "settled first (with --detect-drift: also when the database drifted from its migrations), "
                        + "so that CI can gate on it."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  migrate status",
                "  migrate status --json --url postgresql://app@localhost:5432/app?schema=app",
                "  migrate status --detect-drift   # also compare the schema with what the migrations create",
                "  migrate status || echo \"not up to date (exit $?)\""})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--json", order = 5, description = "Print the report as JSON on standard output")
    boolean json;

    @Override
    public Integer call() {
        StatusReport report = options.migrator().status();
        int code = switch (report.verdict()) {
            case UP_TO_DATE -> ExitCode.OK;
            case PENDING -> ExitCode.PENDING;
            case PROBLEMS -> ExitCode.PROBLEMS;
        };
        if (json) {
            System.out.println(report.toJson());
        } else {
            String text = CommandLineAdvice.add(report.toString());
            System.out.println(switch (report.verdict()) {
                case UP_TO_DATE -> Terminal.green(text);
                case PENDING -> Terminal.yellow(text);
                case PROBLEMS -> Terminal.red(text);
            });
        }
        return code;
    }
}
