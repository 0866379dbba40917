package io.regioncache.testsupport;

import static io.regioncache.testsupport.TestDatabaseSchemaTest.SECRET;
import static io.regioncache.testsupport.TestDatabaseSchemaTest.printed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        try (first) {
            TestDatabaseSchema second = TestDatabaseSchema.forTests("testsupport_it");
            try (second) {
                assertThat(first.schema()).startsWith("testsupport_it_").isNotEqualTo(second.schema());
                assertThat(exists(first)).isTrue();
                update(first, "CREATE TABLE " + first.schema() + ".book (id BIGINT PRIMARY KEY)");
            }
            assertThat(exists(second)).as("schema %s after close", second.schema()).isFalse();
        }
        assertThat(exists(first)).as("schema %s after close", first.schema()).isFalse();
    }

    @Test
    void aBenchmarkSchemaIsOnPostgresqlAndNamedAfterTheCase() throws SQLException {
        TestDatabaseSchema database = TestDatabaseSchema.forBenchmark("testsupport");
        try (database) {
            assertThat(database.url()).startsWith("jdbc:postgresql:");
            assertThat(database.schema()).startsWith("bench_testsupport_");
            assertThat(exists(database)).isTrue();
        }
        assertThat(exists(database)).isFalse();
    }

    /** The local PostgreSQL trusts every password, so one in the URL reaches it and must not be shown. */
    @Test
    void aStatementTheDatabaseRefusesIsReportedWithoutThePasswordInItsUrl() {
        TestDatabaseSchema database = TestDatabaseSchema.forBenchmark(
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=" + SECRET, "postgres", "", "testsupport");
        database.close();

        // Dropping it again is the statement refused: the schema is gone.
        assertThatThrownBy(database::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("The database at jdbc:postgresql://127.0.0.1:5432/test?*** refused: DROP SCHEMA "
                        + database.schema() + " CASCADE")
                .satisfies(failure -> assertThat(printed(failure)).contains(database.schema()).doesNotContain(SECRET));
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
