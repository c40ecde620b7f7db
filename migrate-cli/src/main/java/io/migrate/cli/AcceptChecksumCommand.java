package io.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "accept-checksum", sortOptions = false,
        description = "Accept a deliberate edit of an applied migration: record its file's current checksum "
                + "without running it again. The old history row stays.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate accept-checksum 20260102090000_create_posts"})
final class AcceptChecksumCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "NAME", description = "The applied migration whose file was edited")
    String name;

    @Override
    public Integer call() {
        options.migrator().acceptChecksum(name);
        System.out.println("Recorded the current checksum of " + name + ".");
        return ExitCode.OK;
    }
}
