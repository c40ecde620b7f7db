package io.migrate.spring;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link javax.sql.DataSource} bean to migrate with, when it is not the application's
 * main one: for instance a pool for a user that may change the schema. {@code migrate.url} takes
 * precedence over it.
 *
 * <pre>{@code
 * @Bean
 * @MigrateDataSource
 * DataSource migrationDataSource() { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface MigrateDataSource {
}
