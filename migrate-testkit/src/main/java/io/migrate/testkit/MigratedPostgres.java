package io.migrate.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotation form of {@link MigratedDatabase}, for the common settings: each test (or, with
 * {@link #perClass()}, each test class) gets a fresh, migrated database, injected as a
 * {@link javax.sql.DataSource}, a {@link Database} or an {@link JdbcUrl @JdbcUrl String}.
 *
 * <pre>{@code
 * @MigratedPostgres(locations = "classpath:db", seed = "classpath:db/seed.sql")
 * class UserRepositoryIT {
 *     @Test void savesUser(DataSource ds) { ... }
 * }
 * }</pre>
 *
 * Use {@link MigratedDatabase#postgres()} with {@code @RegisterExtension} for the other settings.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MigratedDatabase.class)
public @interface MigratedPostgres {

    /** Where the migrations are (default: {@code classpath:db}). */
    String[] locations() default "classpath:db";

    /** An SQL file run once in the template after the migrations, e.g. {@code classpath:db/seed.sql} (default: none). */
    String seed() default "";

    /** One database for all tests of the class instead of one per test (default: false). */
    boolean perClass() default false;

    /** Keep the database of a failed test and log its URL (default: false, or {@code migrate.testkit.keep-failed}). */
    boolean keepOnFailure() default false;
}
