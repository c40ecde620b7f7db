/** Engine internals for authoring: creating migrations from a declared schema, push and pull. Not API: no compatibility promise. */
package io.migrate.internal.authoring;
