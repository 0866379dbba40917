package io.regioncache.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseSchemaIT {

    @Test
    void aTestSchemaIsOneOfItsOwnHoldsTablesAndIsDroppedWithThemAtClose() throws SQLException {
        TestDatabaseSchema first = TestDatabaseSchema.forTests("testsupport_it");
        TestDatabaseSchema second = TestDatabaseSchema.forTests("testsupport_it");
        try {
            assertThat(first.schema()).startsWith("testsupport_it_").isNotEqualTo(second.schema());
            assertThat(exists(first)).isTrue();
            update(first, "CREATE TABLE " + first.schema() + ".book (id BIGINT PRIMARY KEY)");
        } finally {
            second.close();
        }
        first.close();

        assertThat(exists(first)).as("schema %s after close", first.schema()).isFalse();
        assertThat(exists(second)).as("schema %s after close", second.schema()).isFalse();
    }

    @Test
    void aBenchmarkSchemaIsOnPostgresqlAndNamedAfterTheCase() throws SQLException {
        TestDatabaseSchema database = TestDatabaseSchema.forBenchmark("testsupport");
        try {
            assertThat(database.url()).startsWith("jdbc:postgresql:");
            assertThat(database.schema()).startsWith("bench_testsupport_");
            assertThat(exists(database)).isTrue();
        } finally {
            database.close();
        }
        assertThat(exists(database)).isFalse();
    }

    /** Whether the schema is there; H2 keeps unquoted names in upper case, PostgreSQL in lower. */
    private static boolean exists(TestDatabaseSchema database) throws SQLException {
        try (Connection connection = connect(database); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.schemata WHERE upper(schema_name) = upper(?)")) {
            query.setString(1, database.schema());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }

    private static void update(TestDatabaseSchema database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static Connection connect(TestDatabaseSchema database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
