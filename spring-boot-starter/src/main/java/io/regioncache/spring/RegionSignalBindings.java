package io.regioncache.spring;

import io.regioncache.RegionCache;
import io.regioncache.signals.Signal;
import io.regioncache.signals.Signals;
import io.regioncache.signals.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regions bound to signals by {@code region-cache.regions.NAME.invalidate-on}: made when the
 * application starts, closed when it stops (and by the cache's own close). Thread-safe.
 */
public final class RegionSignalBindings implements AutoCloseable {

    private final List<Subscription> subscriptions;
    private final Map<String, List<String>> signalNames;
    private volatile boolean open = true;

    private RegionSignalBindings(List<Subscription> subscriptions, Map<String, List<String>> signalNames) {
        this.subscriptions = subscriptions;
        this.signalNames = signalNames;
    }

    /**
     * Binds each configured region to its signals, all or none.
     *
     * @throws RegionCacheConfigurationException naming the property whose signal URI cannot be
     *                                           resolved or bound
     */
    static RegionSignalBindings bind(RegionCache cache, List<ConfiguredRegions.SignalSetting> settings) {
        List<Subscription> subscriptions = new ArrayList<>();
        Map<String, List<String>> names = new LinkedHashMap<>();
        try {
            for (ConfiguredRegions.SignalSetting setting : settings) {
                String region = setting.region().isEmpty() ? cache.root().name() : cache.region(setting.region()).name();
                Signal signal = signal(setting);
                try {
                    subscriptions.add(cache.region(region).invalidateOn(signal));
                } catch (RuntimeException e) {
                    throw new RegionCacheConfigurationException(setting.property(), "Cannot bind region " + region
                            + " to " + signal.name() + " (" + setting.property() + "): " + e.getMessage(),
                            "Check that the signal's server is reachable, or correct " + setting.property() + ".", e);
                }
                names.computeIfAbsent(region, key -> new ArrayList<>()).add(signal.name());
            }
        } catch (RuntimeException e) {
            subscriptions.forEach(Subscription::close);
            throw e;
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        names.forEach((region, signals) -> frozen.put(region, List.copyOf(signals)));
        return new RegionSignalBindings(List.copyOf(subscriptions), Map.copyOf(frozen));
    }

    private static Signal signal(ConfiguredRegions.SignalSetting setting) {
        try {
            return Signals.of(setting.uri());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Signals.of never repeats a URI's credentials in its messages.
            throw new RegionCacheConfigurationException(setting.property(), setting.property()
                    + " is not a usable signal URI: " + e.getMessage(),
                    "Correct " + setting.property() + " (local:NAME, redis://HOST:PORT?channel=NAME, "
                            + "kafka://HOST:PORT/TOPIC, redis-stream://HOST:PORT/STREAM), "
                            + "or add the module that serves its scheme.", e);
        }
    }

    /** Each bound region's full name and the names of its signals (never credentials). */
    public Map<String, List<String>> signalNames() {
        return signalNames;
    }

    /** Whether the bindings are still in place (they are until {@link #close()}). */
    public boolean isOpen() {
        return open;
    }

    /** Unbinds every region. Idempotent. */
    @Override
    public void close() {
        open = false;
        subscriptions.forEach(Subscription::close);
    }
}
