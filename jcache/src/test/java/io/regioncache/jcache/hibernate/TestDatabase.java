package io.regioncache.jcache.hibernate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of the Hibernate tests: {@code REGION_CACHE_TEST_JDBC_URL} (with {@code
 * REGION_CACHE_TEST_JDBC_USER} and {@code REGION_CACHE_TEST_JDBC_PASSWORD}) if set; else the
 * PostgreSQL these machines run at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust authentication); else, on a machine without one, an embedded H2 database (said at WARN).
 * Each test class gets a schema of its own, dropped at {@link #drop()}, so runs sharing a server
 * never meet.
 */
final class TestDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    final String url;
    final String user;
    final String password;
    final String schema = "jcache_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static TestDatabase create() {
        String configured = System.getenv("REGION_CACHE_TEST_JDBC_URL");
        TestDatabase database;
        if (configured != null) {
            database = new TestDatabase(configured, System.getenv().getOrDefault("REGION_CACHE_TEST_JDBC_USER", "postgres"),
                    System.getenv().getOrDefault("REGION_CACHE_TEST_JDBC_PASSWORD", ""));
        } else {
            database = new TestDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
            try {
                database.connect().close();
                LOG.debug("the Hibernate tests use the PostgreSQL at 127.0.0.1:5432");
            } catch (SQLException e) {
                LOG.warn("no PostgreSQL at 127.0.0.1:5432 ({}); the Hibernate tests use an embedded H2 database "
                        + "(set REGION_CACHE_TEST_JDBC_URL for another)", e.getMessage());
                database = new TestDatabase("jdbc:h2:mem:jcache-it;DB_CLOSE_DELAY=-1", "sa", "");
            }
        }
        database.execute("CREATE SCHEMA " + database.schema);
        return database;
    }

    void drop() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the test database at " + url + " refused: " + sql, e);
        }
    }
}
