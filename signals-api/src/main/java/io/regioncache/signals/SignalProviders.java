package io.regioncache.signals;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

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
            "redis-stream", "io.regioncache:signals-redis-streams",
            "rediss-stream", "io.regioncache:signals-redis-streams",
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
        Map<String, List<SignalProvider>> found = load(loader);
        List<SignalProvider> claimants = found.getOrDefault(wanted, List.of());
        if (claimants.size() > 1) {
            // Only a conflict on the wanted scheme matters: two jars fighting over another scheme
            // must not break this one.
            throw new IllegalStateException("Two signal providers claim scheme '" + wanted + "': "
                    + claimants.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(" and "))
                    + "; keep one of them on the class path");
        }
        if (claimants.size() == 1) {
            return claimants.get(0);
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

    private static Map<String, List<SignalProvider>> load(ClassLoader loader) {
        Map<String, List<SignalProvider>> byScheme = new HashMap<>();
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
            schemeOf(provider).ifPresent(scheme -> {
                List<SignalProvider> claimants = byScheme.computeIfAbsent(scheme, s -> new ArrayList<>());
                // The same provider class seen twice (a jar on the class path twice) is no conflict.
                if (claimants.stream().noneMatch(p -> p.getClass() == provider.getClass())) {
                    claimants.add(provider);
                }
            });
        }
    }

    /** The provider's scheme, lower-cased; empty if the provider cannot say, which makes it as broken as a missing class. */
    private static Optional<String> schemeOf(SignalProvider provider) {
        String scheme;
        try {
            scheme = provider.scheme();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Skipping signal provider " + provider.getClass().getName()
                    + ": scheme() failed", e);
            return Optional.empty();
        }
        if (scheme == null || scheme.isBlank()) {
            LOG.log(Level.WARNING, "Skipping signal provider " + provider.getClass().getName() + ": it names no scheme");
            return Optional.empty();
        }
        return Optional.of(scheme.toLowerCase(Locale.ROOT));
    }
}
