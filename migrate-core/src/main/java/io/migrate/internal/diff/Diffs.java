package io.migrate.internal.diff;

import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.spi.SchemaSupport;

import java.util.ArrayList;
import java.util.List;

/** A {@link SchemaDiff} in both directions, its steps rendered by the dialect. */
public final class Diffs {

    private Diffs() {
    }

    public static SchemaDiff of(SchemaSupport support, SchemaSnapshot from, SchemaSnapshot to) {
        SchemaDiffer.Result forward = SchemaDiffer.diff(from, to, support::canConvert, support::canReplace);
        SchemaDiffer.Result backward = SchemaDiffer.diff(to, from, support::canConvert, support::canReplace);
        return new SchemaDiff(from, to, forward.changes(), forward.warnings(), render(support, forward.changes()),
                backward.changes(), backward.warnings(), render(support, backward.changes()));
    }

    static List<String> render(SchemaSupport support, List<SchemaChange> changes) {
        List<String> statements = new ArrayList<>();
        if (!changes.isEmpty()) {
            statements.addAll(support.preamble(changes));
        }
        changes.forEach(change -> statements.addAll(support.render(change)));
        return statements;
    }
}
