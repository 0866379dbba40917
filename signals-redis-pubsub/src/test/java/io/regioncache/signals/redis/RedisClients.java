package io.regioncache.signals.redis;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.regioncache.testsupport.RedisServerProcess;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Finds this suite's own connections on a Redis shared with other test suites, by the client name
 * their URL sets, so that tests kill or inspect only those.
 */
final class RedisClients {

    private RedisClients() {
    }

    /** A private redis-server for fault tests; the explicit empty array picks the static start(String...). */
    static RedisServerProcess privateServer() {
        return RedisServerProcess.start(new String[0]);
    }

    /** A client name no other test uses. */
    static String uniqueName(String purpose) {
        return "it-pubsub-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The CLIENT LIST entries (field name to value) of connections named {@code name}. */
    static List<Map<String, String>> named(RedisCommands<String, String> redis, String name) {
        return redis.clientList().lines()
                .map(RedisClients::fields)
                .filter(client -> name.equals(client.get("name")))
                .toList();
    }

    /** Kills the connections named {@code name}, as a network failure would; returns how many. */
    static int kill(RedisCommands<String, String> redis, String name) {
        List<Map<String, String>> clients = named(redis, name);
        clients.forEach(client -> redis.clientKill(KillArgs.Builder.id(Long.parseLong(client.get("id")))));
        return clients.size();
    }

    private static Map<String, String> fields(String line) {
        return Arrays.stream(line.trim().split(" "))
                .filter(field -> field.contains("="))
                .collect(Collectors.toMap(f -> f.substring(0, f.indexOf('=')), f -> f.substring(f.indexOf('=') + 1),
                        (a, b) -> b));
    }
}
