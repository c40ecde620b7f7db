package io.migrate.cli;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintStream;

/**
 * The {@code migrate} command. Builds only the command that runs, so that a start-up loads what
 * that command needs and no more; every failure becomes a message on standard error and one of
 * the {@link ExitCode exit codes}, and with {@code --json} also an {@link ErrorJson error object} on
 * standard output.
 */
public final class Main implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final String[] COMMANDS = {"deploy", "status", "validate", "plan", "resolve", "accept-checksum", "baseline",
            "reset", "seed", "new", "diff", "dev", "push", "pull", "lint"};

    private final boolean verbose;

    private Main(boolean verbose) {
        this.verbose = verbose;
    }

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(String[] args) {
        boolean verbose = false;
        for (String arg : args) {
            verbose |= arg.equals("-v") || arg.equals("--verbose");
        }
        configureLogging(verbose);
        Secrets.install();
        Main handler = new Main(verbose);
        CommandLine commandLine = new CommandLine(new MigrateCommand());
        String name = commandName(args);
        if (name != null) {
            commandLine.addSubcommand(name, command(name));
        } else {
            for (String each : COMMANDS) {
                commandLine.addSubcommand(each, command(each));
            }
        }
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        return commandLine.execute(args);
    }

    /** The command named on the command line, when it is one of ours. */
    private static String commandName(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                for (String each : COMMANDS) {
                    if (each.equals(arg)) {
                        return each;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static Object command(String name) {
        return switch (name) {
            case "deploy" -> new DeployCommand();
            case "status" -> new StatusCommand();
            case "validate" -> new ValidateCommand();
            case "plan" -> new PlanCommand();
            case "resolve" -> new ResolveCommand();
            case "accept-checksum" -> new AcceptChecksumCommand();
            case "baseline" -> new BaselineCommand();
            case "reset" -> new ResetCommand();
            case "seed" -> new SeedCommand();
            case "new" -> new NewCommand();
            case "diff" -> new DiffCommand();
            case "dev" -> new DevCommand();
            case "push" -> new PushCommand();
            case "pull" -> new PullCommand();
            case "lint" -> new LintCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Logs go to standard error: quiet unless {@code --verbose}, but a long migration's progress always shows. */
    private static void configureLogging(boolean verbose) {
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setDefault("org.slf4j.simpleLogger.log.io.migrate.internal.engine.Progress", "info");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", Boolean.toString(verbose));
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintStream err = System.err;
        int code;
        String message;
        if (failure instanceof MigrationException m) {
            code = m.code() == ErrorCode.INVALID_CONFIGURATION ? ExitCode.USAGE : ExitCode.FAILED;
            message = CommandLineAdvice.add(m.getMessage());
        } else if (failure instanceof Configuration.SettingException || failure instanceof UsageException) {
            code = ExitCode.USAGE;
            message = failure.getMessage();
        } else if (failure instanceof java.io.UncheckedIOException || failure instanceof DataLoss.Declined) {
            code = ExitCode.FAILED;
            message = failure.getMessage();
        } else {
            code = ExitCode.FAILED;
            message = "Unexpected failure: " + failure + (verbose ? "" : "\n  (run with --verbose for the stack trace)");
        }
        if (acceptsJson(commandLine) && commandLine.getParseResult().hasMatchedOption("--json")) {
            System.out.println(ErrorJson.of(failure, message, code));
        }
        int newline = message.indexOf('\n');
        err.println(newline < 0 ? Terminal.red(message)
                : Terminal.red(message.substring(0, newline)) + message.substring(newline));
        if (verbose) {
            failure.printStackTrace(err);
        }
        return code;
    }

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        if (acceptsJson(commandLine) && java.util.Arrays.asList(args).contains("--json")) {
            System.out.println(ErrorJson.of(failure, failure.getMessage(), ExitCode.USAGE));
        }
        PrintStream err = System.err;
        err.println(Terminal.red(failure.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.USAGE;
    }

    private static boolean acceptsJson(CommandLine commandLine) {
        return commandLine.getCommandSpec().findOption("--json") != null;
    }
}
