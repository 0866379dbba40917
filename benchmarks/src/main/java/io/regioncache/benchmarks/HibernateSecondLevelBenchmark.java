package io.regioncache.benchmarks;

import io.regioncache.benchmarks.hibernate.CachedBook;
import io.regioncache.jcache.RegionCachingProvider;
import io.regioncache.testsupport.TestDatabaseSchema;
import java.net.URI;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What Hibernate ORM's second level on region-cache saves: {@code session.find} of one entity, each
 * in a fresh session, served from the second level (the JCache provider on the Redis under test)
 * against the same find on a session factory without a second level, which reads the row from
 * PostgreSQL ({@link TestDatabaseSchema#forBenchmark}). Both factories map the same table in a
 * schema of this benchmark's own; set-up checks that the first side sends no statement and the
 * second one does.
 */
public class HibernateSecondLevelBenchmark extends PairedBenchmark {

    private static final long ID = 1L;

    private final RegionCachingProvider provider = new RegionCachingProvider();
    private TestDatabaseSchema database;
    private SessionFactory cached;
    private SessionFactory uncached;

    @Setup
    public void setUp() {
        open("hibernate");
        database = TestDatabaseSchema.forBenchmark("hibernate");
        URI redisUri = URI.create(redis.redisUrl() + "?prefix=" + redis.prefix() + "&serialFilter=org.hibernate.**;"
                + CachedBook.class.getPackageName() + ".**;java.io.Serializable");
        CacheManager cacheManager = provider.getCacheManager(redisUri, getClass().getClassLoader());
        Configuration withSecondLevel = configuration("create")
                .setProperty("hibernate.cache.use_second_level_cache", "true")
                .setProperty("hibernate.cache.region.factory_class", "jcache")
                .setProperty("hibernate.javax.cache.provider", RegionCachingProvider.class.getName())
                .setProperty("hibernate.javax.cache.missing_cache_strategy", "create");
        // An object setting (Hibernate reads hibernate.javax.cache.uri as a resource, which redis:// is not).
        withSecondLevel.getProperties().put("hibernate.javax.cache.cache_manager", cacheManager);
        cached = withSecondLevel.buildSessionFactory();
        uncached = configuration("none").setProperty("hibernate.cache.use_second_level_cache", "false")
                .buildSessionFactory();
        cached.inTransaction(session -> session.persist(new CachedBook(ID, "The Dispossessed")));
        requireStatements(cached, 0, "a second-level hit");
        requireStatements(uncached, 1, "a database read");
    }

    @Benchmark
    public String secondLevelHitVsDatabaseRead() {
        return (regionTurn() ? cached : uncached).fromSession(session -> session.find(CachedBook.class, ID).getTitle());
    }

    @TearDown
    public void close() {
        uncached.close();
        cached.close();
        provider.close();
        database.close();
    }

    private Configuration configuration(String schemaAction) {
        return new Configuration()
                .addAnnotatedClass(CachedBook.class)
                .setProperty("hibernate.connection.url", database.url())
                .setProperty("hibernate.connection.username", database.user())
                .setProperty("hibernate.connection.password", database.password())
                .setProperty("hibernate.default_schema", database.schema())
                .setProperty("hibernate.hbm2ddl.auto", schemaAction)
                .setProperty("hibernate.generate_statistics", "true");
    }

    /** Fails unless a find in a fresh session sends exactly that many statements; then stops counting. */
    private static void requireStatements(SessionFactory factory, long expected, String what) {
        Statistics statistics = factory.getStatistics();
        statistics.clear();
        String title = factory.fromSession(session -> session.find(CachedBook.class, ID).getTitle());
        long sent = statistics.getPrepareStatementCount();
        if (title == null || sent != expected) {
            throw new IllegalStateException("Expected " + what + " (" + expected + " statements), saw " + sent
                    + " statements and title " + title);
        }
        statistics.setStatisticsEnabled(false);
    }
}
