/**
 * The schema model: what a database holds ({@link io.migrate.schema.SchemaSnapshot}), where a schema
 * comes from ({@link io.migrate.schema.SchemaSource}) and what changes one schema into another
 * ({@link io.migrate.schema.SchemaDiff}). Every type is an immutable value, normalised so that two
 * equal schemas built in different orders are equal.
 */
package io.migrate.schema;
