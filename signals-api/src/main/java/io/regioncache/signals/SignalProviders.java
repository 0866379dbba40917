package io.regioncache.signals;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link SignalProvider} for a URI scheme among those on a class path. A provider that
 * cannot be loaded (a broken jar, a missing dependency) is logged and skipped, so that it never
 * hides the others.
 */
final class SignalProviders {

    private static final System.Logger LOG = System.getLogger(SignalProviders.class.getName());

    /** Where users find the provider of each scheme this project ships. */
    private static final Map<String, String> MODULE_BY_SCHEME = Map.of(
            "kafka", "io.regioncache:signals-kafka",
            "redis", "io.regioncache:signals-redis-pubsub",
            "rediss", "io.regioncache:signals-redis-pubsub",
            "local", "io.regioncache:signals-api");

    private SignalProviders() {
    }

    /**
     * The provider of {@code scheme} among those {@code loader} sees.
     *
     * @throws IllegalArgumentException if none serves it, naming the module to add
     * @throws IllegalStateException    if two providers claim it, naming both
     */
    static SignalProvider forScheme(String scheme, ClassLoader loader) {
        String wanted = scheme.toLowerCase(Locale.ROOT);
        Map<String, SignalProvider> found = load(loader);
        SignalProvider provider = found.get(wanted);
        if (provider != null) {
            return provider;
        }
        if (wanted.equals("guava")) {
            throw new IllegalArgumentException("Guava signals need an EventBus object: bind them in code with "
                    + "io.regioncache.signals.guava.GuavaSignals.on(bus, eventType) (module io.regioncache:signals-guava)");
        }
        String module = Optional.ofNullable(MODULE_BY_SCHEME.get(wanted))
                .map(m -> "add " + m + " to the class path")
                .orElse("add the module that provides it to the class path");
        throw new IllegalArgumentException("No signal provider for scheme '" + scheme + "' (found: "
                + found.keySet() + "); " + module);
    }

    private static Map<String, SignalProvider> load(ClassLoader loader) {
        Map<String, SignalProvider> byScheme = new HashMap<>();
        Iterator<SignalProvider> it = ServiceLoader.load(SignalProvider.class, loader).iterator();
        while (true) {
            SignalProvider provider;
            try {
                if (!it.hasNext()) {
                    return byScheme;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "Skipping a signal provider that cannot be loaded", e);
                continue;
            }
            String scheme = provider.scheme().toLowerCase(Locale.ROOT);
            SignalProvider other = byScheme.putIfAbsent(scheme, provider);
            if (other != null && other.getClass() != provider.getClass()) {
                throw new IllegalStateException("Two signal providers claim scheme '" + scheme + "': "
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + "; keep one of them on the class path");
            }
        }
    }
}
