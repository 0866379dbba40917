package io.regioncache;

import io.lettuce.core.ReadFrom;
import java.util.List;

/** The {@link ReadFrom} names the builder and {@code REGION_CACHE_READ_FROM} accept. */
final class ReadFromNames {

    static final List<String> NAMES = List.of("upstream", "upstreamPreferred", "replica", "replicaPreferred", "nearest", "any");

    private ReadFromNames() {
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    static ReadFrom parse(String name) {
        for (String known : NAMES) {
            if (known.equalsIgnoreCase(name.trim())) {
                return ReadFrom.valueOf(known);
            }
        }
        throw new IllegalArgumentException("Unknown readFrom '" + name + "': expected one of " + String.join(", ", NAMES));
    }

    /** Null for the masters: the cache then needs no second connection for reads. */
    static ReadFrom upstreamAsNull(ReadFrom readFrom) {
        return readFrom == ReadFrom.UPSTREAM ? null : readFrom;
    }
}
