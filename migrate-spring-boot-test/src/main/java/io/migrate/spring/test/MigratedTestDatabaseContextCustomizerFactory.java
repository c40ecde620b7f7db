package io.migrate.spring.test;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/** Finds {@link MigratedTestDatabase} on a test class (or its enclosing classes) for Spring's test context framework. */
final class MigratedTestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            MergedAnnotation<MigratedTestDatabase> found = MergedAnnotations
                    .from(c, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(MigratedTestDatabase.class);
            if (found.isPresent()) {
                MigratedTestDatabase settings = found.synthesize();
                return new MigratedTestDatabaseContextCustomizer(List.of(settings.locations()), settings.schema(),
                        settings.table(), settings.seed(), settings.empty());
            }
        }
        return null;
    }
}
