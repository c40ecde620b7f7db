package io.migrate.testkit;

import io.migrate.api.ErrorCode;
import io.migrate.api.MigrationException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * PostgreSQL in a Docker container started by Testcontainers
 * ({@code org.testcontainers:testcontainers-postgresql} 2.x on the class path).
 *
 * <p>Reached through reflection: Testcontainers is optional, and its jars share packages, which
 * rules them out as modules to compile against.
 */
final class TestcontainersProvider {

    private static final String CONTAINER = "org.testcontainers.postgresql.PostgreSQLContainer";
    private static final String FACTORY = "org.testcontainers.DockerClientFactory";
    private static final String IMAGE_NAME = "org.testcontainers.utility.DockerImageName";
    private static final String CONFIGURATION = "org.testcontainers.utility.TestcontainersConfiguration";
    private static final int POSTGRES_PORT = 5432;

    private TestcontainersProvider() {
    }

    static boolean present() {
        return PostgresServer.classPresent(CONTAINER) && PostgresServer.classPresent(FACTORY);
    }

    /** Whether Testcontainers finds a Docker engine (it tries DOCKER_HOST, the usual sockets and its own configuration). */
    static boolean dockerReachable() {
        try {
            Object factory = call(type(FACTORY), null, "instance");
            return (Boolean) call(factory.getClass(), factory, "isDockerAvailable");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Endpoint start(String image) {
        Object container;
        try {
            Class<?> imageName = type(IMAGE_NAME);
            Object name = imageName.getMethod("parse", String.class).invoke(null, image);
            name = imageName.getMethod("asCompatibleSubstituteFor", String.class).invoke(name, "postgres");
            Class<?> type = type(CONTAINER);
            container = type.getConstructor(imageName).newInstance(name);
            // Reused across runs only where the user enabled reuse in ~/.testcontainers.properties;
            // the templates built in it are then reused too.
            type.getMethod("withReuse", boolean.class).invoke(container, true);
            type.getMethod("withCommand", String[].class).invoke(container, (Object) new String[] {
                "postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200"});
        } catch (InvocationTargetException e) {
            throw new MigrationException(ErrorCode.INVALID_CONFIGURATION, PostgresServer.IMAGE_PROPERTY + " = '" + image
                    + "': Testcontainers does not accept it (" + e.getCause().getMessage() + ")", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw incompatible(e);
        }
        try {
            call(container.getClass(), container, "start");
            Class<?> type = container.getClass();
            boolean reused = (Boolean) call(type(CONFIGURATION), call(type(CONFIGURATION), null, "getInstance"),
                    "environmentSupportsReuse");
            String host = (String) call(type, container, "getHost");
            int port = (Integer) type.getMethod("getMappedPort", int.class).invoke(container, POSTGRES_PORT);
            Object stoppable = container;
            return new Endpoint(host, port, (String) call(type, container, "getDatabaseName"),
                    (String) call(type, container, "getUsername"), (String) call(type, container, "getPassword"),
                    "Testcontainers " + image + " at " + host + ":" + port + (reused ? " (reusable)" : ""),
                    !reused, reused ? () -> { } : () -> call(stoppable.getClass(), stoppable, "stop"));
        } catch (InvocationTargetException e) {
            throw new MigrationException(ErrorCode.CONNECTION_FAILED, "Testcontainers could not start " + image + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw incompatible(e);
        }
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, true, TestcontainersProvider.class.getClassLoader());
    }

    private static Object call(Class<?> type, Object target, String method) throws ReflectiveOperationException {
        Method m = type.getMethod(method);
        return m.invoke(target);
    }

    private static MigrationException incompatible(Throwable e) {
        return new MigrationException(ErrorCode.INVALID_CONFIGURATION, "The Testcontainers on the class path is not"
                + " one the testkit can drive (" + e + "); use org.testcontainers:testcontainers-postgresql 2.x", e);
    }
}
