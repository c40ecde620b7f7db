package io.migrate.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the application's {@code DataSource} at a database of its own, cloned from the testkit's
 * migrated template, for a Spring test ({@code @SpringBootTest} and the like).
 *
 * <pre>{@code
 * @SpringBootTest
 * @MigratedTestDatabase
 * class OrderServiceIT { ... }
 * }</pre>
 *
 * <p>The database is made when the test context starts and dropped when it closes; it sets
 * {@code spring.datasource.url}, {@code username} and {@code password} above every other property
 * source. Test classes with the same configuration share one context and so one database, as Spring
 * caches contexts; give a test a fresh one with {@code @DirtiesContext}. Unless set here, the
 * locations, schema and table are the application's {@code migrate.*} properties, so the
 * application's start-up deploy finds everything applied. The server is the testkit's: the URL in
 * {@code MIGRATE_TESTKIT_URL}, else Testcontainers or an embedded PostgreSQL.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface MigratedTestDatabase {

    /** Where the migrations are (default: {@code migrate.locations}, else {@code classpath:db}). */
    String[] locations() default {};

    /** The schema of the history table and the migrations (default: {@code migrate.schema}, else the connection's). */
    String schema() default "";

    /** The history table (default: {@code migrate.table}, else {@code _migrations}). */
    String table() default "";

    /** A seed script run in the template after the migrations: {@code classpath:path} or {@code filesystem:path} (default: none). */
    String seed() default "";

    /**
     * Whether the database starts empty instead of migrated, for tests of the start-up deploy itself
     * (default: false). Locations, schema, table and seed are then not used.
     */
    boolean empty() default false;
}
