package io.regioncache.spring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/**
 * A service whose methods count their calls, so that tests see what the cache spared. Tests read
 * the counts through methods: the bean they get is a caching proxy, whose own fields are unused.
 */
public class Directory {

    private final AtomicInteger userLoads = new AtomicInteger();
    private final AtomicInteger profileLoads = new AtomicInteger();
    private final AtomicInteger absentLoads = new AtomicInteger();
    private final AtomicInteger slowLoads = new AtomicInteger();
    private final CountDownLatch releaseSlowLoad = new CountDownLatch(1);
    private final AtomicInteger asyncLoads = new AtomicInteger();
    private final AtomicInteger cardLoads = new AtomicInteger();
    private final CompletableFuture<String> slowAsyncResult = new CompletableFuture<>();

    /** What the json codec stores, and reads back as this type. */
    public record Card(String name, int level) {
    }

    public int userLoads() {
        return userLoads.get();
    }

    public int profileLoads() {
        return profileLoads.get();
    }

    public int absentLoads() {
        return absentLoads.get();
    }

    public int slowLoads() {
        return slowLoads.get();
    }

    public void releaseSlowLoad() {
        releaseSlowLoad.countDown();
    }

    public int asyncLoads() {
        return asyncLoads.get();
    }

    public int cardLoads() {
        return cardLoads.get();
    }

    public void completeSlowAsyncLoad(String value) {
        slowAsyncResult.complete(value);
    }

    @Cacheable("cards")
    public Card card(String name) {
        cardLoads.incrementAndGet();
        return new Card(name, name.length());
    }

    /** A non-blocking method: Spring caches what its future completes with, through retrieve. */
    @Cacheable("orders.async")
    public CompletableFuture<String> asyncOrder(String id) {
        asyncLoads.incrementAndGet();
        return CompletableFuture.completedFuture("order " + id);
    }

    /** Completes only when the test says so, so that other callers arrive during the load. */
    @Cacheable(cacheNames = "orders.async", sync = true)
    public CompletableFuture<String> slowAsyncOrder(String id) {
        asyncLoads.incrementAndGet();
        return slowAsyncResult;
    }

    @Cacheable("users")
    public String user(long id) {
        userLoads.incrementAndGet();
        return "user-" + id;
    }

    @Cacheable("users.profiles")
    public String profile(String name) {
        profileLoads.incrementAndGet();
        return "profile of " + name;
    }

    @CacheEvict(cacheNames = "users", allEntries = true)
    public void purgeUsers() {
    }

    @CacheEvict(cacheNames = "users", key = "#id")
    public void forgetUser(long id) {
    }

    @Cacheable("absent")
    public String absent(String key) {
        absentLoads.incrementAndGet();
        return null;
    }

    /** Blocks in the load until the test releases it, so that other callers arrive meanwhile. */
    @Cacheable(cacheNames = "slow", sync = true)
    public String slow(String key) throws InterruptedException {
        slowLoads.incrementAndGet();
        if (!releaseSlowLoad.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the load");
        }
        return "loaded " + key;
    }
}
