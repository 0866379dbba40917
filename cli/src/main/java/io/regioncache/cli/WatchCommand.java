package io.regioncache.cli;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code watch [REGION]}: writes, removes and purges under a region as they happen, from Redis
 * keyspace notifications. Notifications rather than client tracking, because they name the
 * operation (HSET, HDEL, a purge's new generation, expiry, eviction) where tracking only says that
 * a key changed; the price is that the server must publish them ({@code notify-keyspace-events},
 * off by default), which {@code --enable-notifications} turns on, on every master of a cluster.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Prints writes, removes and purges under REGION (default: the root) as they happen, by any "
                + "process, until Ctrl-C, --count or --seconds.",
                "Reads Redis keyspace notifications: the server must publish them (notify-keyspace-events with at "
                        + "least " + KeyspaceEvents.NEEDED_FLAGS + ")."})
final class WatchCommand extends CliCommand {

    /** Events waiting to be printed; beyond this they are counted and dropped, never buffered without bound. */
    private static final int QUEUE_CAPACITY = 10_000;

    @Parameters(arity = "0..1", paramLabel = "REGION", description = REGION_HELP)
    private String region;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events")
    private Long count;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds")
    private Long seconds;

    @Option(names = "--enable-notifications",
            description = "Add the keyspace notification flags watch needs to the server's notify-keyspace-events "
                    + "(a server-wide setting, left on afterwards)")
    private boolean enableNotifications;

    @Override
    public Integer call() throws Exception {
        RegionLayout layout = layout();
        String watched = region == null ? layout.root() : layout.resolve(region);
        PrintWriter err = err();
        // Each node publishes only its own keys' notifications: on a cluster, every master must.
        for (RedisClusterCommands<String, byte[]> master : session().masters()) {
            requireNotifications(master, err);
        }
        KeyspaceEvents events = new KeyspaceEvents(layout, watched);
        BlockingQueue<KeyspaceEvents.RegionEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        AtomicLong dropped = new AtomicLong();
        // The listener runs on the client's I/O thread: it only hands events over, never prints or blocks.
        AutoCloseable subscription = session().subscribeKeyspace(events.patterns(),
                (key, event) -> events.interpret(key, event).ifPresent(regionEvent -> {
                    if (!queue.offer(regionEvent)) {
                        dropped.incrementAndGet();
                    }
                }));
        try {
            err.println("Watching " + watched + " on " + session().display() + " (Ctrl-C to stop)");
            print(queue, dropped, err);
        } finally {
            subscription.close();
        }
        return 0;
    }

    private void print(BlockingQueue<KeyspaceEvents.RegionEvent> queue, AtomicLong dropped, PrintWriter err)
            throws InterruptedException {
        PrintWriter out = out();
        long deadline = seconds == null ? 0 : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long reportedDrops = 0;
        long printed = 0;
        while (count == null || printed < count) {
            long remaining = seconds == null ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            KeyspaceEvents.RegionEvent event = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (event == null) {
                continue;
            }
            printed++;
            if (json()) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("time", event.time().toString());
                line.put("event", event.event());
                line.put("region", event.region());
                Json.print(out, line);
            } else {
                out.printf("%s  %-7s  %s%n", event.time(), event.event(), event.region());
            }
            long drops = dropped.get();
            if (drops > reportedDrops) {
                err.println((drops - reportedDrops) + " events dropped: the output could not keep up");
                reportedDrops = drops;
            }
        }
    }

    /** Fails, or turns them on if asked, when the server does not publish the notifications watch reads. */
    private void requireNotifications(RedisClusterCommands<String, byte[]> redis, PrintWriter err) {
        String configured;
        try {
            configured = redis.configGet("notify-keyspace-events").getOrDefault("notify-keyspace-events", "");
        } catch (RedisCommandExecutionException e) {
            // Managed services often disable CONFIG: their own console sets the flags.
            err.println("Cannot read notify-keyspace-events (" + e.getMessage() + "); events show only if the server "
                    + "publishes keyspace notifications with at least " + KeyspaceEvents.NEEDED_FLAGS);
            return;
        }
        String missing = KeyspaceEvents.missingFlags(configured);
        if (missing.isEmpty()) {
            return;
        }
        if (!enableNotifications) {
            throw new InputException("Redis does not publish the keyspace notifications watch reads "
                    + "(notify-keyspace-events is '" + configured + "', missing '" + missing + "'): rerun with "
                    + "--enable-notifications to add them (server-wide), or set them yourself");
        }
        redis.configSet("notify-keyspace-events", configured + missing);
        err.println("Set notify-keyspace-events to '" + configured + missing + "' (it was '" + configured
                + "'); it stays on after watch ends");
    }
}
