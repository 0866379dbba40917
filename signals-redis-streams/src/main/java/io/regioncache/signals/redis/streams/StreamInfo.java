package io.regioncache.signals.redis.streams;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code XINFO STREAM}, {@code XINFO GROUPS} and {@code XINFO CONSUMERS} say, read from
 * Lettuce's untyped replies. The counters are those of Redis 7.0 and later.
 */
final class StreamInfo {

    private StreamInfo() {
    }

    /**
     * A stream's counters; a stream that does not exist reads as an empty one that never had an entry.
     *
     * @param lastGeneratedId the id of the newest entry ever added, deleted or not
     * @param entriesAdded    how many entries were ever added
     * @param length          how many are there now; {@code entriesAdded - length} were trimmed or deleted
     * @param maxDeletedId    the highest id ever removed by XDEL
     */
    record Stream(String lastGeneratedId, long entriesAdded, long length, String maxDeletedId) {

        static final Stream ABSENT = new Stream(EntryIds.ZERO, 0, 0, EntryIds.ZERO);

        long removed() {
            return entriesAdded - length;
        }
    }

    /**
     * One consumer group of a stream.
     *
     * @param lastDeliveredId the newest entry handed to any of its consumers
     * @param entriesRead     how many entries of the stream the group has read, as Redis counts them
     *                        (null where Redis cannot tell, e.g. a group created at {@code $} by another tool)
     */
    record Group(String name, String lastDeliveredId, Long entriesRead) {
    }

    /**
     * One consumer of a group: how many entries it holds unacknowledged, and how long ago it last
     * received one (Redis 7.0 does not count a blocking read that returned nothing).
     */
    record Consumer(String name, long pending, long idleMillis) {
    }

    static Stream stream(RedisCommands<String, String> redis, String key) {
        return stream(() -> redis.xinfoStream(key));
    }

    /** Reads an {@code XINFO STREAM} reply, which {@code reply} returns or throws as Redis's error. */
    static Stream stream(Supplier<List<Object>> reply) {
        try {
            Map<String, Object> fields = fields(reply.get());
            return new Stream(string(fields.get("last-generated-id"), EntryIds.ZERO), number(fields.get("entries-added")),
                    number(fields.get("length")), string(fields.get("max-deleted-entry-id"), EntryIds.ZERO));
        } catch (RedisCommandExecutionException e) {
            if (isNoSuchKey(e)) {
                return Stream.ABSENT;
            }
            throw e;
        }
    }

    static Optional<Group> group(RedisCommands<String, String> redis, String key, String group) {
        return group(() -> redis.xinfoGroups(key), group);
    }

    /** Finds {@code group} in an {@code XINFO GROUPS} reply, which {@code reply} returns or throws as Redis's error. */
    static Optional<Group> group(Supplier<List<Object>> reply, String group) {
        List<Object> groups;
        try {
            groups = reply.get();
        } catch (RedisCommandExecutionException e) {
            if (isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw e;
        }
        for (Object entry : groups) {
            Map<String, Object> fields = fields(entry);
            if (group.equals(string(fields.get("name"), null))) {
                Object read = fields.get("entries-read");
                return Optional.of(new Group(group, string(fields.get("last-delivered-id"), EntryIds.ZERO),
                        read == null ? null : number(read)));
            }
        }
        return Optional.empty();
    }

    static List<Consumer> consumers(RedisCommands<String, String> redis, String key, String group) {
        List<Consumer> consumers = new ArrayList<>();
        for (Object entry : redis.xinfoConsumers(key, group)) {
            Map<String, Object> fields = fields(entry);
            consumers.add(new Consumer(string(fields.get("name"), ""), number(fields.get("pending")),
                    number(fields.get("idle"))));
        }
        return consumers;
    }

    private static boolean isNoSuchKey(RedisCommandExecutionException e) {
        return e.getMessage() != null && e.getMessage().contains("no such key");
    }

    /** A reply of alternating field names and values, as a map. */
    private static Map<String, Object> fields(Object reply) {
        Map<String, Object> fields = new HashMap<>();
        if (reply instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    private static String string(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(value.toString());
    }
}
