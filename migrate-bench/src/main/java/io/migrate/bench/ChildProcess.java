package io.migrate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@link Child} JVM: started with this JVM's class path, read line by line. */
final class ChildProcess {

    /** What the child reported: {@code error} is null on success. */
    record Outcome(long startedNanos, long resultNanos, long exitedNanos, long deployNanos, long peakHeap,
                   long liveHeap, long allocated, long peakRss, String error) {

        boolean ok() {
            return error == null;
        }
    }

    private static final long TIMEOUT_MINUTES = 10;

    private final Process process;
    private final long started;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final Path stderr;
    private volatile long resultAt;

    private ChildProcess(Process process, long started, Path stderr) {
        this.process = process;
        this.started = started;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "child-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts {@code java [jvmArgs] -cp <this class path> io.migrate.bench.Child tool corpus [flags]}
     * against {@code database}; credentials travel in the environment.
     */
    static ChildProcess start(Target target, String database, Tool tool, Layout layout, List<String> jvmArgs,
                              String... flags) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(tool.name(), layout.root().toString()));
        arguments.addAll(List.of(flags));
        return start(jvmArgs, arguments, Map.of(Child.URL_ENV, target.jdbcUrl(database), Child.USER_ENV, target.user(),
                Child.PASSWORD_ENV, target.password() == null ? "" : target.password()));
    }

    /**
     * Starts a {@link Child} that only starts and reports its peak RSS, launched exactly like the
     * tools' children: the JVM's own share of their memory.
     */
    static ChildProcess jvmOnly(List<String> jvmArgs) throws IOException {
        return start(jvmArgs, List.of(Child.JVM_ONLY), Map.of());
    }

    private static ChildProcess start(List<String> jvmArgs, List<String> arguments, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Child.class.getName());
        command.addAll(arguments);
        Path stderr = Files.createTempFile("migrate-bench-child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        return new ChildProcess(builder.start(), started, stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("READY")) {
                    ready.countDown();
                    continue;
                }
                if (line.startsWith("RESULT ") || line.startsWith("ERROR ")) {
                    resultAt = System.nanoTime();
                }
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the child died; waitFor() reports it
        } finally {
            ready.countDown();
        }
    }

    /** Waits until a {@code --wait} child has loaded everything. */
    boolean awaitReady() throws InterruptedException {
        return ready.await(TIMEOUT_MINUTES, TimeUnit.MINUTES) && process.isAlive();
    }

    /** Tells a waiting child to deploy. */
    void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
    }

    /** Waits for the child to exit and returns what it reported. */
    Outcome await() throws InterruptedException, IOException {
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return failed("timed out after " + TIMEOUT_MINUTES + " minutes");
        }
        long exited = System.nanoTime();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        List<String> out;
        synchronized (lines) {
            out = List.copyOf(lines);
        }
        try {
            for (String line : out) {
                if (line.startsWith("RESULT ")) {
                    String[] f = line.split(" ");
                    return new Outcome(started, resultAt, exited, Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), null);
                }
                if (line.startsWith("ERROR ")) {
                    return failed(line.substring(6));
                }
            }
            return failed("exit status " + process.exitValue() + " without a result: " + tail());
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Ends a child that is still running, e.g. after another child failed to start. */
    void kill() {
        process.destroyForcibly();
    }

    private Outcome failed(String why) {
        return new Outcome(started, 0, System.nanoTime(), 0, 0, 0, 0, 0, why);
    }

    private String tail() throws IOException {
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        return String.join(" | ", err.subList(Math.max(0, err.size() - 5), err.size()));
    }
}
