package io.migrate.internal.engine;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;
import io.migrate.spi.Dialect;

import java.lang.ref.SoftReference;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the dialect for a connection: the configured one, else the single ServiceLoader match. */
public final class Dialects {

    /** The dialects found on a class loader. */
    private record Found(ClassLoader classLoader, List<Dialect> dialects) {
    }

    private static volatile SoftReference<Found> lastFound;

    private Dialects() {
    }

    public static Dialect resolve(Dialect configured, ClassLoader classLoader, DatabaseMetaData metaData) throws SQLException {
        if (configured != null) {
            return configured;
        }
        List<Dialect> available = available(classLoader);
        List<Dialect> matching = new ArrayList<>();
        for (Dialect dialect : available) {
            if (dialect.supports(metaData)) {
                matching.add(dialect);
            }
        }
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String database = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion()
                + " (driver " + metaData.getDriverName() + ")";
        if (matching.isEmpty()) {
            throw new MigrationException(ErrorCode.NO_DIALECT, "No dialect supports " + database
                    + ". Dialects on the class path: " + describe(available) + ". Add the dialect module for this"
                    + " database to the class path (for PostgreSQL: io.migrate:migrate-postgres), or pass one with .dialect(...)");
        }
        throw new MigrationException(ErrorCode.AMBIGUOUS_DIALECT, "Several dialects claim " + database + ": "
                + describe(matching) + ". Remove all but one from the class path, or choose one with .dialect(...)");
    }

    /**
     * Looks up the dialects of a class loader ahead of {@link #resolve}, which then finds them known:
     * deploy does it while the connection is being made.
     */
    static void preload(Dialect configured, ClassLoader classLoader) {
        if (configured == null) {
            available(classLoader);
        }
    }

    /**
     * The dialects registered on the class loader. Dialects are stateless, so those found are kept
     * for the next deploy with the same class loader instead of looking them up on every call; the
     * reference is soft, so that a class loader that is done with can still be collected.
     */
    private static List<Dialect> available(ClassLoader classLoader) {
        Found found = lastFound == null ? null : lastFound.get();
        if (found != null && found.classLoader() == classLoader) {
            return found.dialects();
        }
        List<Dialect> available = new ArrayList<>();
        try {
            ServiceLoader.load(Dialect.class, classLoader).forEach(available::add);
        } catch (ServiceConfigurationError e) {
            throw new MigrationException(ErrorCode.NO_DIALECT, "A dialect on the class path cannot be loaded: "
                    + e.getMessage() + ". Check its META-INF/services/io.migrate.spi.Dialect entry", e);
        }
        lastFound = new SoftReference<>(new Found(classLoader, List.copyOf(available)));
        return available;
    }

    private static String describe(List<Dialect> dialects) {
        if (dialects.isEmpty()) {
            return "none";
        }
        return dialects.stream().map(d -> d.name() + " (" + d.getClass().getName() + ")").collect(Collectors.joining(", "));
    }
}
