package io.migrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps passwords off the terminal and out of CI logs. Standard output and standard error are
 * replaced at start-up by streams that mask every registered secret, so that whatever prints them
 * (a command, the library's messages, a log line, a driver's exception) cannot leak one.
 */
final class Secrets {

    static final String MASK = "****";
    private static final List<String> secrets = new CopyOnWriteArrayList<>();

    private Secrets() {
    }

    /** Installs the masking streams; the secrets are registered later, once the settings are read. */
    static void install() {
        System.setOut(new PrintStream(new Masking(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Masking(System.err), true, StandardCharsets.UTF_8));
    }

    static void add(String secret) {
        // A very short secret would mask ordinary words; such a password is shown nowhere anyway.
        if (secret != null && secret.length() >= 3 && !secrets.contains(secret)) {
            secrets.add(secret);
            secrets.sort((a, b) -> b.length() - a.length());
        }
    }

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** Holds output until a line ends or it is flushed, so that a secret is masked as a whole. */
    private static final class Masking extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Masking(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                drain();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            line.write(bytes, offset, length);
            if (length > 0 && bytes[offset + length - 1] == '\n' || line.size() > 8192) {
                drain();
            }
        }

        @Override
        public synchronized void flush() {
            drain();
        }

        private void drain() {
            if (line.size() == 0) {
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            try {
                target.write(mask(text).getBytes(StandardCharsets.UTF_8));
                target.flush();
            } catch (java.io.IOException e) {
                // The reader went away (a closed pipe): nothing useful can be done with the output.
            }
        }
    }
}
