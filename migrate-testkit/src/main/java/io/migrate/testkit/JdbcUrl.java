package io.migrate.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter of a test, lifecycle method or constructor that
 * {@link MigratedDatabase} fills with the JDBC URL of the test's database, user and password
 * included as URL parameters ({@link Database#connectionUrl()}), so that it connects as it is:
 *
 * <pre>{@code
 * @Test void connects(@JdbcUrl String url) throws SQLException {
 *     try (Connection c = DriverManager.getConnection(url)) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JdbcUrl {
}
