package io.migrate.internal.shadow;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * How to get a shadow database.
 *
 * @param dataSource  a database to use as the shadow, emptied before each use; empty for a temporary one
 * @param init        SQL run on the shadow before anything else (extensions, roles); empty for none
 * @param detectDrift whether status and validate compare the database with its applied migrations
 */
public record ShadowSettings(Optional<DataSource> dataSource, Optional<String> init, boolean detectDrift) {
}
