package io.regioncache.jcache;

import io.regioncache.testsupport.TestRedis;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Points the provider's default cache manager at the test Redis for the whole TCK run (the JSR-107
 * TCK asks for {@code Caching.getCachingProvider().getCacheManager()} and nothing else), under a
 * key prefix of this run's own, and deletes that prefix's keys when the run ends. The serial
 * filter admits the classes the TCK stores by value. It acts only in the TCK's JVM, which the
 * pom marks with the TCK's {@code javax.cache.CacheManager} property; other test runs of the
 * module name their Redis themselves.
 */
public final class TckRedis implements LauncherSessionListener {

    static final String SERIAL_FILTER = "domain.**;org.jsr107.tck.**;manager.**";

    private String prefix;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("javax.cache.CacheManager") == null) {
            return;
        }
        prefix = TestRedis.uniquePrefix(TckRedis.class);
        System.setProperty(Backend.URL_PROPERTY, TestRedis.url() + "?prefix=" + prefix + "&serialFilter=" + SERIAL_FILTER);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (prefix == null) {
            return;
        }
        System.clearProperty(Backend.URL_PROPERTY);
        TestRedis.deleteKeys(prefix);
    }
}
