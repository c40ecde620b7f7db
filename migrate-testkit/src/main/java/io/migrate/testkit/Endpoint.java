package io.migrate.testkit;

/**
 * A started or found server: where it listens, who to connect as, and how to stop it.
 *
 * @param description where it is, for log lines; never holds a password
 * @param disposable  whether the server and its data end with this JVM (nothing there needs dropping)
 * @param stop        stops the server when the JVM ends; does nothing for a server that outlives it
 */
record Endpoint(String host, int port, String adminDatabase, String user, String password, String description,
                boolean disposable, AutoCloseable stop) {

    @Override
    public String toString() {
        return description;
    }
}
