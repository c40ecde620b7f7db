package io.migrate.internal.authoring;

import io.migrate.schema.Column;
import io.migrate.schema.SchemaChange;
import io.migrate.schema.SchemaDiff;
import io.migrate.schema.SchemaObject;
import io.migrate.schema.SchemaSnapshot;
import io.migrate.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RisksTest {

    @Test
    void onlyKnownWideningsAreNotDataLoss() {
        assertThat(Risks.narrows("integer", "bigint")).isFalse();
        assertThat(Risks.narrows("bigint", "integer")).isTrue();
        assertThat(Risks.narrows("character varying(10)", "character varying(20)")).isFalse();
        assertThat(Risks.narrows("character varying(20)", "character varying(10)")).isTrue();
        assertThat(Risks.narrows("integer", "text")).isFalse();
        assertThat(Risks.narrows("text", "integer")).isTrue();
        assertThat(Risks.narrows("numeric(10,2)", "numeric(12,2)")).isFalse();
        assertThat(Risks.narrows("numeric(10,2)", "numeric(10,1)")).isTrue();
        assertThat(Risks.narrows("real", "double precision")).isFalse();
        assertThat(Risks.narrows("double precision", "real")).isTrue();
    }

    @Test
    void longerVaryingStringsNeedNoRewrite() {
        assertThat(Risks.binaryCompatible("character varying(10)", "character varying(20)")).isTrue();
        assertThat(Risks.binaryCompatible("character varying(10)", "text")).isTrue();
        assertThat(Risks.binaryCompatible("character varying(20)", "character varying(10)")).isFalse();
        assertThat(Risks.binaryCompatible("integer", "bigint")).isFalse();
    }

    @Test
    void convertingColumnsToARebuiltTypeIsATableRewrite() {
        Column amount = Column.of("amount", "public.money_amount");
        Table orders = Table.of("public", "orders", List.of(amount));
        SchemaObject before = SchemaObject.of(SchemaObject.Kind.DOMAIN, "public", "money_amount", "CREATE DOMAIN ... AS integer");
        SchemaObject after = SchemaObject.of(SchemaObject.Kind.DOMAIN, "public", "money_amount", "CREATE DOMAIN ... AS bigint");
        SchemaChange rebuild = new SchemaChange.RebuildType(before, after, List.of(new SchemaChange.ColumnUse(orders, amount)));
        SchemaDiff diff = new SchemaDiff(SchemaSnapshot.empty(), SchemaSnapshot.empty(), List.of(rebuild), List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertThat(Risks.of(diff, null).review()).containsExactly("TABLE REWRITE: converting column public.orders.amount to"
                + " the rebuilt type public.money_amount rewrites the table under an ACCESS EXCLUSIVE lock (row count unknown)");
    }
}
