package io.migrate.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A JVM started by a test as a separate process. Its standard output and error are read as they
 * come (so a chatty child never blocks on a full pipe) and kept for assertion messages; the line
 * {@link DeployMain#READY} counts down {@link #awaitReady}.
 */
final class ChildJvm implements AutoCloseable {

    /** Flags that make a short-lived child start fast and stay small. */
    static final List<String> QUICK_START = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final String label;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private ChildJvm(String label, Process process) {
        this.label = label;
        this.process = process;
        this.reader = new Thread(this::read, "child-jvm-output-" + label);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code java <jvmArgs...> <args...>} with the given environment changes (a null value removes the variable). */
    static ChildJvm start(String label, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new ChildJvm(label, builder.start());
    }

    /**
     * The class path this test runs with, as a path string for {@code -cp}. Surefire and failsafe
     * start tests from a manifest-only booter jar, so {@code java.class.path} may hold just that
     * jar; they also publish the real test class path as {@code surefire.test.class.path}. Without
     * it (an IDE, say), a booter jar's manifest {@code Class-Path} is expanded.
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            entries.addAll(manifestClassPath(Paths.get(entry)));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            URI base = jar.toAbsolutePath().getParent().toUri();
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(ref -> Paths.get(base.resolve(ref)).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
                if (DeployMain.READY.equals(line)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            output.append("[reading the output failed: ").append(e).append("]\n");
        } finally {
            // A child that ends without READY must not keep a test waiting for it.
            ready.countDown();
        }
    }

    /** Waits until the child printed READY or ended; false when {@code timeout} passed first. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Sends a line to the child's standard input and closes it; a child that already ended is left alone. */
    void release() {
        try (OutputStream in = process.getOutputStream()) {
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            output.append("[could not release the child: ").append(e).append("]\n");
        }
    }

    /** The exit code, or null when the child was still running after {@code timeout}. */
    Integer waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
            return null;
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    String output() {
        return output.toString();
    }

    /** The last {@code lines} lines of the output, for a failure message. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return (all.size() > lines ? "  ... (" + (all.size() - lines) + " lines before)\n" : "")
                + String.join("\n", last.stream().map(l -> "  " + l).toList());
    }

    String label() {
        return label;
    }

    /** Kills the child if it is still running and waits until it is gone. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
