package io.regioncache.history;

/**
 * One operation of a recorded history: who ran it, on which region and key, what it wrote or
 * loaded, what it returned, and its real-time interval ({@link System#nanoTime()}).
 *
 * @param client      the cache (simulated process) that ran it
 * @param kind        the operation
 * @param region      the full region name
 * @param key         the key, null for {@link Kind#INVALIDATE}
 * @param written     the value a put wrote or a getOrCompute's loader returned, else null
 * @param result      what a read returned (null for a miss), {@code "true"}/{@code "false"} for a remove
 * @param outcome     whether the operation certainly took effect
 * @param start       when the call began
 * @param end         when the call returned
 * @param loaderStart when a getOrCompute's loader was called (after the cache read the region's
 *                    generation tokens), else 0
 * @param loaderEnd   when that loader returned (before the cache sent the guarded store), else 0
 */
public record Op(int client, Kind kind, String region, String key, String written, String result, Outcome outcome,
                 long start, long end, long loaderStart, long loaderEnd) {

    /** The operations the clients run. */
    public enum Kind { PUT, GET, GET_OR_COMPUTE, REMOVE, INVALIDATE }

    /** What is certain about an operation's effect. */
    public enum Outcome {
        /** It returned normally and certainly took effect (a read: its result is what the store held). */
        OK,
        /** It may or may not have taken effect, or taken effect later (a timeout, a degraded call). */
        UNKNOWN,
        /** It threw an exception that its contract does not allow: a violation by itself. */
        UNEXPECTED
    }

    boolean loaded() {
        return loaderStart != 0;
    }

    /** A read whose non-null result came from the store (not from its own loader). */
    public boolean readFromStore() {
        if (outcome != Outcome.OK || result == null) {
            return false;
        }
        return kind == Kind.GET || (kind == Kind.GET_OR_COMPUTE && !result.equals(written));
    }

    boolean isAncestorOrSelfOf(String otherRegion) {
        return otherRegion.equals(region) || otherRegion.startsWith(region + ".");
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case PUT -> "put(" + key + ", " + written + ")";
            case GET -> "get(" + key + ") -> " + result;
            case GET_OR_COMPUTE -> "getOrCompute(" + key + ") -> " + result
                    + (loaded() ? " [loaded " + written + " during " + micros(loaderStart) + ".." + micros(loaderEnd) + "]" : "");
            case REMOVE -> "remove(" + key + ") -> " + result;
            case INVALIDATE -> "invalidate()";
        };
        return String.format("[%d..%d us] client %d %s %s %s", micros(start), micros(end), client, region, what, outcome);
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
