package io.regioncache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports values read as misses under DEGRADE because their bytes could not be decoded. A class
 * refused by the allow-list is reported at WARN the first time only (a cache serving such values
 * would otherwise log on every read) and at DEBUG afterwards; any other failure (corrupt or
 * foreign bytes) at WARN each time, with region and key.
 */
final class DecodeFailureLog {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRegion.class);

    private final Set<String> warnedRefusals = ConcurrentHashMap.newKeySet();

    void missed(RegionName region, String key, CodecException failure) {
        if (!(failure instanceof RefusedClassException)) {
            LOG.warn("Treating key '{}' of region {} as a miss: {}", key, region, failure.getMessage());
        } else if (warnedRefusals.add(((RefusedClassException) failure).refused())) {
            LOG.warn("Treating key '{}' of region {} as a miss (said once at WARN; later reads refused for the same "
                    + "reason are logged at DEBUG): {}", key, region, failure.getMessage());
        } else {
            LOG.debug("Treating key '{}' of region {} as a miss: {}", key, region, failure.getMessage());
        }
    }
}
