package io.migrate.cli;

import io.migrate.api.InvalidMigrationException;
import io.migrate.api.MigrationException;
import io.migrate.api.MigrationFailedException;
import io.migrate.api.ValidationException;

import java.util.ArrayList;
import java.util.List;

/**
 * A failure as {@code --json} prints it on standard output, so that a script reading it always gets an
 * object: {@code {"error":{"code":…,"exitCode":…,"message":…}}}, with what the library's exception
 * carries beside (the migration, file and line, SQLSTATE, each problem found). The code is the library's
 * {@code ErrorCode}, or {@code USAGE} for a command line or setting the tool refused, or
 * {@code UNEXPECTED}. Secrets are masked on the way out like everything on standard output.
 */
final class ErrorJson {

    private ErrorJson() {
    }

    static String of(Throwable failure, String message, int exitCode) {
        Json error = new Json().field("code", code(failure)).field("exitCode", exitCode).field("message", message);
        if (failure instanceof MigrationFailedException f) {
            error.field("migration", f.migration());
            if (f.line() > 0) {
                error.field("line", f.line());
            }
            error.field("sqlState", f.sqlState()).field("transactional", f.transactional());
        } else if (failure instanceof InvalidMigrationException f) {
            error.field("file", f.location());
            if (f.line() > 0) {
                error.field("line", f.line());
            }
        } else if (failure instanceof ValidationException f) {
            List<String> problems = new ArrayList<>();
            for (ValidationException.Problem p : f.problems()) {
                problems.add(new Json().field("code", p.code().name()).field("migration", p.migration())
                        .field("detail", p.detail()).toString());
            }
            error.raw("problems", Json.array(problems));
        }
        return new Json().raw("error", error.toString()).toString();
    }

    private static String code(Throwable failure) {
        if (failure instanceof MigrationException m) {
            return m.code().name();
        }
        if (failure instanceof Configuration.SettingException s) {
            return ((MigrationException) s.getCause()).code().name();
        }
        if (failure instanceof UsageException u) {
            return u.code();
        }
        if (failure instanceof picocli.CommandLine.ParameterException) {
            return UsageException.USAGE;
        }
        if (failure instanceof DataLoss.Declined) {
            return "DECLINED";
        }
        if (failure instanceof java.io.UncheckedIOException) {
            return "IO_ERROR";
        }
        return "UNEXPECTED";
    }
}
