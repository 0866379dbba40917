package io.regioncache.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL a benchmark reads from: {@code REGION_CACHE_BENCH_JDBC_URL} (with {@code
 * REGION_CACHE_BENCH_JDBC_USER} and {@code REGION_CACHE_BENCH_JDBC_PASSWORD}) if set, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres} without a password. Each
 * benchmark gets a schema of its own, dropped at {@link #close()}, so runs sharing a server never meet.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private static final String URL_VARIABLE = "REGION_CACHE_BENCH_JDBC_URL";

    final String url;
    final String user;
    final String password;
    final String schema;

    private BenchmarkDatabase(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Creates the schema {@code bench_<caseName>_<random>}; fails saying how to provide a database. */
    static BenchmarkDatabase open(String caseName) {
        String url = System.getenv().getOrDefault(URL_VARIABLE, "jdbc:postgresql://127.0.0.1:5432/test");
        BenchmarkDatabase database = new BenchmarkDatabase(url,
                System.getenv().getOrDefault("REGION_CACHE_BENCH_JDBC_USER", "postgres"),
                System.getenv().getOrDefault("REGION_CACHE_BENCH_JDBC_PASSWORD", ""),
                "bench_" + caseName + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        try (Connection connection = database.connect()) {
            connection.getMetaData();
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL at " + url + " (" + e.getMessage() + "). Start one there "
                    + "(database test, user postgres, trust authentication) or set " + URL_VARIABLE
                    + " (with REGION_CACHE_BENCH_JDBC_USER and REGION_CACHE_BENCH_JDBC_PASSWORD) to another.", e);
        }
        database.execute("CREATE SCHEMA " + database.schema);
        return database;
    }

    /** Drops this benchmark's schema and everything in it. */
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
            throw new IllegalStateException("The database at " + url + " refused: " + sql, e);
        }
    }
}
