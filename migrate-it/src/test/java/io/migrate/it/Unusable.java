package io.migrate.it;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A data source whose connections fail the test if anything is sent on them: deploy may connect
 * while it reads the migrations, but must send nothing before they are all read and checked.
 * Closing is allowed.
 */
final class Unusable {

    private Unusable() {
    }

    static DataSource dataSource() {
        return proxy(DataSource.class, "getConnection", Unusable::connection);
    }

    private static Connection connection() {
        return proxy(Connection.class, "close", () -> null);
    }

    /** An instance of {@code type} whose method {@code allowed} answers with {@code answer}; any other call fails the test. */
    private static <T> T proxy(Class<T> type, String allowed, java.util.function.Supplier<Object> answer) {
        return type.cast(Proxy.newProxyInstance(Unusable.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    if (method.getName().equals(allowed)) {
                        return answer.get();
                    }
                    throw new AssertionError("nothing may be sent to the database before the migrations were read"
                            + " and checked, but " + type.getSimpleName() + "." + method.getName() + " was called");
                }));
    }
}
