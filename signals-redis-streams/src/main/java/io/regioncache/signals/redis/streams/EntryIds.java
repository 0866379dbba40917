package io.regioncache.signals.redis.streams;

import java.time.Instant;

/** Stream entry ids, {@code <milliseconds>-<sequence>}, as Redis orders and dates them. */
final class EntryIds {

    /** Lower than every id Redis generates: where a stream that does not exist yet starts. */
    static final String ZERO = "0-0";

    private EntryIds() {
    }

    /** Compares two ids in stream order. */
    static int compare(String a, String b) {
        int byMillis = Long.compareUnsigned(millis(a), millis(b));
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence(a), sequence(b));
    }

    /** When Redis added the entry: an id made by {@code XADD *} starts with the server's clock in milliseconds. */
    static Instant timestamp(String id) {
        return Instant.ofEpochMilli(millis(id));
    }

    private static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
    }

    private static long sequence(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseUnsignedLong(id.substring(dash + 1));
    }
}
