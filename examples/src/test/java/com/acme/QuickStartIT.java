package com.acme;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.Region;
import io.regioncache.RegionCache;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import io.regioncache.testsupport.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

record Profile(String name) implements Serializable {}             // the default codec stores Serializable values

/**
 * The README's quick start, as written: the code between the markers below is the README's first
 * Java block line for line ({@link #theReadmeShowsExactlyThisCode} checks it), run against the
 * Redis at 127.0.0.1:6379 that the README names. It must really cache: what it puts is readable
 * by another cache, and nothing is logged.
 */
class QuickStartIT {

    private static final String README_URL = "redis://127.0.0.1:6379/0";
    private static final String README_PREFIX = "quickstart:";

    private final String userId = "alice";
    private final Database db = new Database();

    /** The application's database: counts loads, and looks at the cache as another process would. */
    final class Database {
        int loads;
        Object aliceSeenByAnotherProcess;

        Profile loadProfile(String id) {
            loads++;
            try (RegionCache another = RegionCache.builder().redisUrl(README_URL).keyPrefix(README_PREFIX)
                    .serialFilter("com.acme.**").build()) {
                aliceSeenByAnotherProcess = another.region("users.profiles").get("alice");
            }
            return new Profile("Bob " + id);
        }
    }

    @BeforeEach
    @AfterEach
    void deleteTheQuickStartsKeys() {
        requireTheReadmesRedis();
        TestRedis.deleteKeys(README_URL, README_PREFIX);
    }

    private static void requireTheReadmesRedis() {
        try {
            TestRedis.withCommands(README_URL, redis -> redis.ping());
        } catch (RuntimeException e) {
            throw new IllegalStateException("The quick start talks to the Redis it names, " + README_URL
                    + ": start one there (see README.md, Tests)", e);
        }
    }

    @Test
    void theQuickStartCachesWhatItStoresAndLogsNothing() {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            // README quick start: begin
try (RegionCache cache = RegionCache.builder()
        .redisUrl("redis://127.0.0.1:6379/0")
        .keyPrefix("quickstart:")            // keys of its own; "" shares regions with Python region_cache
        .serialFilter("com.acme.**")         // lets the default codec store com.acme classes such as Profile
        .build()) {
    Region<Object> profiles = cache.region("users.profiles");          // root.users.profiles; no I/O yet
    profiles.put("alice", new Profile("Alice"));
    Profile bob = (Profile) profiles.getOrCompute("bob", () -> db.loadProfile("bob"));   // loads on a miss only

    profiles.transaction(tx -> {                                        // one atomic step, or nothing
        tx.put("carol", new Profile("Carol"));
        tx.remove("dave");
    });

    cache.region("users").invalidate();                                 // purges users and users.profiles

    Subscription binding = profiles.invalidateOn(Signals.named("user-saved"));
    Signals.named("user-saved").send(userId);                           // profiles is purged when send returns
}
            // README quick start: end
        } finally {
            System.setErr(err);
        }

        assertThat(db.loads).isEqualTo(1);
        assertThat(db.aliceSeenByAnotherProcess).as("what the quick start put is stored readable")
                .isEqualTo(new Profile("Alice"));
        assertThat(log.toString(StandardCharsets.UTF_8)).as("nothing logged").isEmpty();
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        List<String> readme = firstJavaBlock(Files.readAllLines(Path.of("..", "README.md")));
        List<String> here = Files.readAllLines(Path.of("src", "test", "java", "com", "acme", "QuickStartIT.java"));
        int begin = here.indexOf("            // README quick start: begin");
        int end = here.indexOf("            // README quick start: end");

        int tryAt = readme.indexOf(readme.stream().filter(line -> line.startsWith("try (")).findFirst().orElseThrow());

        assertThat(readme.subList(0, tryAt)).as("the README's package, imports and record are this file's")
                .allMatch(line -> line.isEmpty() || here.contains(line));
        assertThat(readme.subList(tryAt, readme.size())).as("the README's code is the code this test runs")
                .isEqualTo(here.subList(begin + 1, end));
    }

    private static List<String> firstJavaBlock(List<String> lines) {
        int open = lines.indexOf("```java");
        return lines.subList(open + 1, lines.subList(open, lines.size()).indexOf("```") + open);
    }
}
