package io.migrate.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaModelTest {

    private static final Index B = new Index("b_idx", "CREATE INDEX b_idx ON public.t USING btree (b)");
    private static final Index A = new Index("a_idx", "CREATE INDEX a_idx ON public.t USING btree (a)");

    @Test
    void snapshotsBuiltInAnotherOrderAreEqual() {
        Table t1 = Table.of("public", "t", List.of(Column.of("a", "int"), Column.of("b", "text"))).withIndexes(List.of(B, A));
        Table t2 = Table.of("public", "t", List.of(Column.of("b", "text"), Column.of("a", "int"))).withIndexes(List.of(A, B));
        SchemaObject v = SchemaObject.of(SchemaObject.Kind.VIEW, "public", "v", "SELECT 1");
        SchemaObject f = SchemaObject.of(SchemaObject.Kind.FUNCTION, "public", "f()", "CREATE FUNCTION ...");
        SchemaSnapshot one = new SchemaSnapshot(List.of("public", "app"), List.of(t1, Table.of("app", "u", List.of())),
                List.of(), List.of(), List.of(v, f), List.of());
        SchemaSnapshot two = new SchemaSnapshot(List.of("app", "public"), List.of(Table.of("app", "u", List.of()), t2),
                List.of(), List.of(), List.of(f, v), List.of());
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(t1.columns()).extracting(Column::name).as("kept in their order for creating the table").containsExactly("a", "b");
        assertThat(one.tables()).extracting(Table::qualifiedName).containsExactly("app.u", "public.t");
        assertThat(one.objects()).extracting(SchemaObject::kind).containsExactly(SchemaObject.Kind.FUNCTION, SchemaObject.Kind.VIEW);
    }

    @Test
    void enumValuesKeepTheirOrderBecauseItMeansSomething() {
        assertThat(new EnumType("public", "e", List.of("a", "b"))).isNotEqualTo(new EnumType("public", "e", List.of("b", "a")));
    }

    @Test
    void changesSummariseThemselvesForPeople() {
        Table t = Table.of("public", "users", List.of());
        assertThat(new SchemaChange.AddColumn(t, Column.of("name", "text")).summary()).isEqualTo("[+] Added column \"name\"");
        assertThat(new SchemaChange.DropIndex(t, A).summary()).isEqualTo("[-] Removed index \"a_idx\"");
        assertThat(new SchemaChange.CreateTable(t).summary()).isEqualTo("[+] Added tables: public.users");
        assertThat(new SchemaChange.AlterColumn(t, Column.of("n", "int"), Column.of("n", "bigint").notNull(true)).summary())
                .isEqualTo("[*] Altered column \"n\" (type int -> bigint, made required)");
        assertThat(new SchemaChange.AddEnumValue(new EnumType("public", "mood", List.of("a", "b")), "b", null).summary())
                .isEqualTo("[*] Changed enums: public.mood (added value 'b')");
    }

    @Test
    void sourcesSayWhatTheyAre() {
        assertThat(SchemaSource.empty()).hasToString("empty");
        assertThat(SchemaSource.migrations()).hasToString("migrations");
        assertThat(SchemaSource.migrations("classpath:other")).hasToString("migrations in classpath:other");
        assertThat(SchemaSource.schemaFile("classpath:schema.sql")).hasToString("schema file classpath:schema.sql");
        assertThat(SchemaSource.database()).hasToString("database");
    }
}
