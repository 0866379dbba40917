package io.regioncache.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema of its own, created on opening and dropped with everything in it at {@link #close()},
 * on the relational database a test or a benchmark talks to, so that runs sharing a server never
 * meet. By default that database is the PostgreSQL these machines run at 127.0.0.1:5432 (database
 * {@code test}, user {@code postgres}, trust authentication). The caller brings the JDBC drivers
 * ({@code org.postgresql:postgresql}, and {@code com.h2database:h2} for {@link #forTests}), so the
 * modules using test-support without a database carry none.
 */
public final class TestDatabaseSchema implements AutoCloseable {

    public static final String TEST_URL_VARIABLE = "REGION_CACHE_TEST_JDBC_URL";
    public static final String TEST_USER_VARIABLE = "REGION_CACHE_TEST_JDBC_USER";
    public static final String TEST_PASSWORD_VARIABLE = "REGION_CACHE_TEST_JDBC_PASSWORD";
    public static final String BENCHMARK_URL_VARIABLE = "REGION_CACHE_BENCH_JDBC_URL";
    public static final String BENCHMARK_USER_VARIABLE = "REGION_CACHE_BENCH_JDBC_USER";
    public static final String BENCHMARK_PASSWORD_VARIABLE = "REGION_CACHE_BENCH_JDBC_PASSWORD";
    private static final String LOCAL_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String LOCAL_POSTGRES_USER = "postgres";
    private static final String H2_URL = "jdbc:h2:mem:region-cache-test;DB_CLOSE_DELAY=-1";
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabaseSchema.class);

    private final String url;
    private final String user;
    private final String password;
    private final RedactedJdbcUrl shownUrl;
    private final String schema;

    private TestDatabaseSchema(String url, String user, String password, String schemaPrefix) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.shownUrl = new RedactedJdbcUrl(url);
        this.schema = schemaPrefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * A schema named {@code <schemaPrefix>_<random>} for tests, on {@code REGION_CACHE_TEST_JDBC_URL}
     * (with {@code REGION_CACHE_TEST_JDBC_USER} and {@code REGION_CACHE_TEST_JDBC_PASSWORD}) if set;
     * else on the local PostgreSQL; else, on a machine without one, on an embedded H2 database (said
     * at WARN): what the tests check is the cache in front of the database, which H2 serves as well.
     */
    public static TestDatabaseSchema forTests(String schemaPrefix) {
        String configured = System.getenv(TEST_URL_VARIABLE);
        TestDatabaseSchema database;
        if (configured != null) {
            database = new TestDatabaseSchema(configured,
                    System.getenv().getOrDefault(TEST_USER_VARIABLE, LOCAL_POSTGRES_USER),
                    System.getenv().getOrDefault(TEST_PASSWORD_VARIABLE, ""), schemaPrefix);
        } else {
            database = new TestDatabaseSchema(LOCAL_POSTGRES_URL, LOCAL_POSTGRES_USER, "", schemaPrefix);
            try {
                database.connect().close();
                LOG.debug("the tests use the PostgreSQL at 127.0.0.1:5432");
            } catch (SQLException e) {
                LOG.warn("no PostgreSQL at 127.0.0.1:5432 ({}); the tests use an embedded H2 database "
                        + "(set {} for another)", e.getMessage(), TEST_URL_VARIABLE);
                database = new TestDatabaseSchema(H2_URL, "sa", "", schemaPrefix);
            }
        }
        database.execute("CREATE SCHEMA " + database.schema);
        return database;
    }

    /**
     * A schema named {@code bench_<caseName>_<random>} for a benchmark, on {@code
     * REGION_CACHE_BENCH_JDBC_URL} (with {@code REGION_CACHE_BENCH_JDBC_USER} and {@code
     * REGION_CACHE_BENCH_JDBC_PASSWORD}) if set, else on the local PostgreSQL. Never on H2: a
     * benchmark's baseline is a read from a database server, which an in-memory one would misstate,
     * so where none answers this fails saying how to provide one.
     */
    public static TestDatabaseSchema forBenchmark(String caseName) {
        return forBenchmark(System.getenv().getOrDefault(BENCHMARK_URL_VARIABLE, LOCAL_POSTGRES_URL),
                System.getenv().getOrDefault(BENCHMARK_USER_VARIABLE, LOCAL_POSTGRES_USER),
                System.getenv().getOrDefault(BENCHMARK_PASSWORD_VARIABLE, ""), caseName);
    }

    /** {@link #forBenchmark(String)} on the database given here rather than by the environment. */
    static TestDatabaseSchema forBenchmark(String url, String user, String password, String caseName) {
        TestDatabaseSchema database = new TestDatabaseSchema(url, user, password, "bench_" + caseName);
        try {
            database.connect().close();
        } catch (SQLException e) {
            throw database.failure("No PostgreSQL at " + database.shownUrl + " (" + database.shownUrl.hideSecretsIn(
                    e.getMessage()) + "). Start one there (database test, user postgres, trust authentication) or set "
                    + BENCHMARK_URL_VARIABLE + " (with " + BENCHMARK_USER_VARIABLE + " and " + BENCHMARK_PASSWORD_VARIABLE
                    + ") to another.", e);
        }
        database.execute("CREATE SCHEMA " + database.schema);
        return database;
    }

    /** The JDBC URL of the database that holds the schema. */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** This schema's name, unique to the test class or benchmark that opened it. */
    public String schema() {
        return schema;
    }

    /** Drops this schema and everything in it. */
    @Override
    public void close() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw failure("The database at " + shownUrl + " refused: " + sql, e);
        }
    }

    /** The URL's and the driver's messages may hold a password: the cause is retold without it. */
    private IllegalStateException failure(String message, SQLException e) {
        return new IllegalStateException(message, shownUrl.hideSecretsIn(e));
    }
}
