package io.regioncache.examples;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Deletes what is left of the demo's keys on Redis once its regions are purged: the generation
 * tokens of the purged regions (which otherwise expire after 7 days) and the store's id.
 */
final class DemoKeys {

    private DemoKeys() {
    }

    /** Deletes every key that starts with {@code prefix} (which has no glob characters); returns how many. */
    static long deleteAll(String redisUrl, String prefix) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs matching = ScanArgs.Builder.matches(prefix + "*").limit(500);
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, matching);
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown();
        }
    }
}
