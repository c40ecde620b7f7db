package io.migrate.example;

import io.migrate.testkit.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example's migrations, tested the way an application using the testkit tests its own. */
class ExampleSchemaIT {

    @RegisterExtension
    static final MigratedDatabase db = MigratedDatabase.postgres().locations("classpath:db");

    @Test
    void theBackfillGaveEveryUserAName(DataSource dataSource) throws SQLException {
        assertThat(query(dataSource, "SELECT email || ' ' || name || ' ' || role FROM users ORDER BY id"))
                .isEqualTo("ada@example.com Ada Lovelace ADMIN\ngrace@example.com grace USER\nlinus@example.com linus USER\n");
    }

    @Test
    void eachTestGetsItsOwnDatabase(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM users");
        }
        assertThat(query(dataSource, "SELECT count(*) FROM posts")).as("posts go with their author").isEqualTo("0\n");
    }

    @Test
    void anUnknownRoleIsRefusedByTheEnum(DataSource dataSource) {
        assertThatThrownBy(() -> query(dataSource, "INSERT INTO users (email, role) VALUES ('x@example.com', 'ROOT') RETURNING id"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("invalid input value for enum \"Role\": \"ROOT\"");
    }

    private static String query(DataSource dataSource, String sql) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.append(rs.getString(1)).append('\n');
            }
        }
        return rows.toString();
    }
}
