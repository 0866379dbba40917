package io.regioncache.jcache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.RegionCache;
import io.regioncache.jcache.RegionCachingProvider;
import io.regioncache.testsupport.TestDatabaseSchema;
import io.regioncache.testsupport.TestRedis;
import java.net.URI;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate ORM's second-level cache on the JCache provider, with a real database and the test
 * Redis. Two session factories stand for two processes: each has a provider and a cache manager
 * of its own, handed to Hibernate as {@code hibernate.javax.cache.cache_manager} (Hibernate reads
 * {@code hibernate.javax.cache.uri} as a resource to locate, which a redis:// URI is not), and
 * they share the regions in Redis.
 */
class HibernateSecondLevelCacheIT {

    private static final String PREFIX = TestRedis.uniquePrefix(HibernateSecondLevelCacheIT.class);
    private static final String PACKAGE = Author.class.getPackageName();
    private static TestDatabaseSchema database;

    private final RegionCachingProvider providerA = new RegionCachingProvider();
    private final RegionCachingProvider providerB = new RegionCachingProvider();
    private SessionFactory processA;
    private SessionFactory processB;

    @BeforeAll
    static void createSchema() {
        database = TestDatabaseSchema.forTests("jcache_it");
    }

    @AfterAll
    static void dropSchema() {
        database.close();
    }

    @BeforeEach
    void open() {
        processA = sessionFactory(providerA, "create");
        processB = sessionFactory(providerB, "none");
        processA.inTransaction(session -> {
            Author author = new Author(1L, "Ursula");
            author.addBook(new Book(10L, "The Dispossessed"));
            author.addBook(new Book(11L, "The Lathe of Heaven"));
            session.persist(author);
        });
    }

    @AfterEach
    void close() {
        processB.close();
        processA.close();
        providerB.close();
        providerA.close();
        TestRedis.deleteKeys(PREFIX); // the next test's "create" empties the tables: the cache must be empty too
    }

    @Test
    void entitiesAndACollectionAreReadFromTheSecondLevel() {
        Statistics statistics = processA.getStatistics();
        processA.inSession(session -> session.find(Author.class, 1L).getBooks().size());
        statistics.clear();

        int books = processA.fromSession(session -> session.find(Author.class, 1L).getBooks().size());

        assertThat(books).isEqualTo(2);
        assertThat(statistics.getDomainDataRegionStatistics(PACKAGE + ".Author").getHitCount()).isEqualTo(1);
        assertThat(statistics.getDomainDataRegionStatistics(PACKAGE + ".Author.books").getHitCount()).isEqualTo(1);
        assertThat(statistics.getDomainDataRegionStatistics(PACKAGE + ".Book").getHitCount()).isEqualTo(2);
        assertThat(statistics.getPrepareStatementCount()).as("statements sent to the database").isZero();
    }

    @Test
    void anUpdateByOneProcessReplacesTheEntryTheOtherOneSees() {
        String before = processA.fromSession(session -> session.find(Author.class, 1L).getName());
        assertThat(before).isEqualTo("Ursula");

        processB.inTransaction(session -> session.find(Author.class, 1L).setName("Ursula K. Le Guin"));

        Statistics statistics = processA.getStatistics();
        statistics.clear();
        String after = processA.fromSession(session -> session.find(Author.class, 1L).getName());
        assertThat(after).isEqualTo("Ursula K. Le Guin");
        assertThat(statistics.getPrepareStatementCount()).as("read from the shared second level").isZero();
    }

    @Test
    void purgingThePackageRegionEvictsEveryEntityAndCollectionRegionBelowIt() {
        processA.inSession(session -> session.find(Author.class, 1L).getBooks().size());
        assertThat(processA.getCache().containsEntity(Author.class, 1L)).isTrue();
        assertThat(processA.getCache().containsEntity(Book.class, 10L)).isTrue();
        assertThat(processA.getCache().containsCollection(Author.class.getName() + ".books", 1L)).isTrue();

        try (RegionCache operator = RegionCache.builder().redisUrl(TestRedis.url()).keyPrefix(PREFIX).build()) {
            operator.region(PACKAGE).invalidate();
        }

        assertThat(processA.getCache().containsEntity(Author.class, 1L)).isFalse();
        assertThat(processA.getCache().containsEntity(Book.class, 10L)).isFalse();
        assertThat(processA.getCache().containsCollection(Author.class.getName() + ".books", 1L)).isFalse();
        Statistics statistics = processB.getStatistics();
        statistics.clear();
        processB.inSession(session -> session.find(Author.class, 1L));
        assertThat(statistics.getSecondLevelCacheMissCount()).isEqualTo(1);
    }

    private static SessionFactory sessionFactory(RegionCachingProvider provider, String schemaAction) {
        URI redis = URI.create(TestRedis.url() + "?prefix=" + PREFIX + "&serialFilter=org.hibernate.**;" + PACKAGE
                + ".**;java.io.Serializable");
        CacheManager cacheManager = provider.getCacheManager(redis, HibernateSecondLevelCacheIT.class.getClassLoader());
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Book.class)
                .setProperty("hibernate.connection.url", database.url())
                .setProperty("hibernate.connection.username", database.user())
                .setProperty("hibernate.connection.password", database.password())
                .setProperty("hibernate.default_schema", database.schema())
                .setProperty("hibernate.hbm2ddl.auto", schemaAction)
                .setProperty("hibernate.generate_statistics", "true")
                .setProperty("hibernate.cache.use_second_level_cache", "true")
                .setProperty("hibernate.cache.region.factory_class", "jcache")
                .setProperty("hibernate.javax.cache.provider", RegionCachingProvider.class.getName())
                .setProperty("hibernate.javax.cache.missing_cache_strategy", "create");
        // An object setting: Configuration has no typed setter for it, its Properties carry it.
        configuration.getProperties().put("hibernate.javax.cache.cache_manager", cacheManager);
        return configuration.buildSessionFactory();
    }
}
