package io.regioncache.spring;

import io.regioncache.Codec;
import io.regioncache.Codecs;
import io.regioncache.RegionCache;
import io.regioncache.RegionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ClassUtils;

/**
 * The per-region settings of {@code region-cache.regions.*}, checked once at start-up: each
 * problem fails with the name of the property. A region's ttl, update-resets-timeout, codec,
 * value-type, serial-filter and load-lease apply to its descendants unless they set their own;
 * signal bindings belong to the region that names them (an invalidation purges its descendants
 * anyway).
 */
final class ConfiguredRegions {

    static final String PREFIX = "region-cache.regions.";

    /** A signal URI to bind a region to, and the property that asked for it. */
    record SignalSetting(String region, String uri, String property) {
    }

    // REGION.SETTING, or REGION.SETTING[INDEX] / REGION.SETTING.INDEX for an element of a list
    // (Boot's binder hands list elements over in the second form).
    private static final Pattern KEY = Pattern.compile("(.+)\\.([^.\\[\\]]+)(?:\\[(\\d+)])?");
    private static final Pattern DOTTED_INDEX = Pattern.compile("(.+)\\.([^.\\[\\]]+)\\.(\\d+)");
    private static final List<String> SETTINGS = List.of("ttl", "update-resets-timeout", "codec", "value-type",
            "serial-filter", "load-lease", "invalidate-on");

    /** One region's own settings; null when it does not set one. */
    private static final class Settings {
        Duration ttl;
        Boolean updateResetsTimeout;
        String codec;
        Class<?> valueType;
        String serialFilter;
        Duration loadLease;
        final Map<Integer, SignalSetting> signals = new TreeMap<>();
    }

    private final String rootName;
    private final Map<String, Settings> byRegion;

    private ConfiguredRegions(String rootName, Map<String, Settings> byRegion) {
        this.rootName = rootName;
        this.byRegion = byRegion;
    }

    /**
     * Reads the settings as Boot bound them: keys relative to {@code region-cache.regions}, such
     * as {@code users.profiles.ttl} or {@code users.invalidate-on[0]}.
     *
     * @throws RegionCacheConfigurationException naming the first property that cannot be used
     */
    static ConfiguredRegions parse(Map<String, String> raw, String rootName) {
        Map<String, Settings> byRegion = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            String property = PREFIX + key;
            Matcher matcher = DOTTED_INDEX.matcher(key);
            if (!matcher.matches() || !normalized(matcher.group(2)).equals("invalidateon")) {
                matcher = KEY.matcher(key);
            }
            if (!matcher.matches()) {
                throw invalid(property, "names no setting: expected " + PREFIX + "DOTTED.NAME.SETTING with a SETTING of "
                        + String.join(", ", SETTINGS), null);
            }
            String region = relative(matcher.group(1), rootName);
            Settings settings = byRegion.computeIfAbsent(region, name -> new Settings());
            String setting = matcher.group(2);
            String index = matcher.group(3);
            if (index != null) {
                // Named as the application wrote it, whichever form the binder used.
                property = PREFIX + matcher.group(1) + "." + setting + "[" + index + "]";
            }
            if (!normalized(setting).equals("invalidateon") && index != null) {
                throw invalid(property, "is not a list: only invalidate-on takes several values", null);
            }
            apply(settings, region, setting, index, value == null ? "" : value.trim(), property);
        });
        byRegion.forEach((region, settings) -> {
            if (settings.serialFilter != null && settings.codec != null && !settings.codec.equals("java")) {
                throw invalid(PREFIX + displayed(region, rootName) + ".serial-filter",
                        "applies to the java codec only, but the region's codec is " + settings.codec, null);
            }
            if (settings.valueType != null && settings.codec != null && !settings.codec.equals("json")) {
                throw invalid(PREFIX + displayed(region, rootName) + ".value-type",
                        "applies to the json codec only, but the region's codec is " + settings.codec, null);
            }
        });
        return new ConfiguredRegions(rootName, byRegion);
    }

    private static void apply(Settings settings, String region, String setting, String index, String value,
                              String property) {
        switch (normalized(setting)) {
            case "ttl":
                settings.ttl = atLeastOneMilli(value, property);
                break;
            case "loadlease":
                settings.loadLease = atLeastOneMilli(value, property);
                break;
            case "updateresetstimeout":
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw invalid(property, "must be true or false, got '" + value + "'", null);
                }
                settings.updateResetsTimeout = Boolean.valueOf(value);
                break;
            case "codec":
                settings.codec = codecName(value, property);
                break;
            case "valuetype":
                settings.valueType = valueType(value, property);
                break;
            case "serialfilter":
                try {
                    Codecs.javaSerialization(value);
                } catch (IllegalArgumentException e) {
                    throw invalid(property, "is not a valid filter: " + e.getMessage(), e);
                }
                settings.serialFilter = value;
                break;
            case "invalidateon":
                addSignals(settings, region, index, value, property);
                break;
            default:
                throw invalid(property, "is not a region setting: expected one of " + String.join(", ", SETTINGS), null);
        }
    }

    private static Duration atLeastOneMilli(String value, String property) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(property, "is not a duration: '" + value + "' (expected such as 10m, 30s, 500ms or PT10M)", e);
        }
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid(property, "must be at least 1ms, got '" + value + "'", null);
        }
        return duration;
    }

    private static String codecName(String value, String property) {
        String name = value.toLowerCase(Locale.ROOT);
        if (!Set.of("java", "json", "utf8", "bytes").contains(name)) {
            throw invalid(property, "is not a codec: '" + value + "' (expected java, json, utf8 or bytes)", null);
        }
        if (name.equals("json")) {
            try {
                Codecs.json(Object.class);
            } catch (IllegalStateException e) {
                throw invalid(property, "needs Jackson 3: " + e.getMessage(), e);
            }
        }
        return name;
    }

    private static Class<?> valueType(String value, String property) {
        try {
            return ClassUtils.forName(value, ClassUtils.getDefaultClassLoader());
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
            throw invalid(property, "names no class on the class path: '" + value + "'", e);
        }
    }

    private static void addSignals(Settings settings, String region, String index, String value, String property) {
        if (index != null) {
            if (value.isEmpty()) {
                throw invalid(property, "is empty: expected a signal URI such as local:user-saved", null);
            }
            settings.signals.put(Integer.valueOf(index), new SignalSetting(region, value, property));
            return;
        }
        // A comma-separated list in one property: a signal URI has no comma of its own.
        List<String> uris = Arrays.stream(value.split(",")).map(String::trim).filter(uri -> !uri.isEmpty()).toList();
        for (int i = 0; i < uris.size(); i++) {
            settings.signals.put(i, new SignalSetting(region, uris.get(i), property));
        }
    }

    /**
     * Checks every configured region name against the cache's naming rules.
     *
     * @throws RegionCacheConfigurationException naming the first property whose region name is invalid
     */
    void requireValidNames(RegionCache cache) {
        byRegion.keySet().forEach(region -> {
            try {
                cache.region(displayed(region, rootName));
            } catch (IllegalArgumentException e) {
                throw invalid(PREFIX + region, "does not name a valid region: " + e.getMessage(), e);
            }
        });
    }

    /** The configured regions' names, relative to the root ({@code ""} for the root itself). */
    Set<String> names() {
        return byRegion.keySet();
    }

    /** Every signal binding, in property order within each region. */
    List<SignalSetting> signals() {
        List<SignalSetting> all = new ArrayList<>();
        byRegion.values().forEach(settings -> all.addAll(settings.signals.values()));
        return all;
    }

    /**
     * The options of the region behind cache {@code cacheName}: {@code defaults} with each
     * setting of the nearest configured region, itself first, then its ancestors up to the root.
     */
    RegionOptions<?> options(String cacheName, RegionOptions<Object> defaults) {
        List<Settings> lineage = lineage(relative(cacheName, rootName));
        RegionOptions<?> options = defaults;
        Optional<Duration> ttl = nearest(lineage, settings -> settings.ttl);
        if (ttl.isPresent()) {
            options = options.withTimeout(ttl.get());
        }
        Optional<Boolean> resets = nearest(lineage, settings -> settings.updateResetsTimeout);
        if (resets.isPresent()) {
            options = options.withUpdateResetsTimeout(resets.get());
        }
        Optional<Duration> loadLease = nearest(lineage, settings -> settings.loadLease);
        if (loadLease.isPresent()) {
            options = options.withLoadLease(loadLease.get());
        }
        Optional<String> codec = nearest(lineage, settings -> settings.codec);
        Optional<String> filter = nearest(lineage, settings -> settings.serialFilter);
        Optional<Class<?>> valueType = nearest(lineage, settings -> settings.valueType);
        if (codec.isPresent() || filter.isPresent()) {
            options = options.withCodec(codec(codec.orElse("java"), filter, valueType));
        }
        return options;
    }

    private static Codec<?> codec(String name, Optional<String> serialFilter, Optional<Class<?>> valueType) {
        switch (name) {
            case "json":
                return Codecs.json(valueType.orElse(Object.class));
            case "utf8":
                return Codecs.utf8();
            case "bytes":
                return Codecs.bytes();
            default:
                return serialFilter.map(Codecs::javaSerialization).orElseGet(Codecs::javaSerialization);
        }
    }

    /** The settings of the region and of each configured ancestor, nearest first. */
    private List<Settings> lineage(String region) {
        List<Settings> found = new ArrayList<>();
        String name = region;
        while (true) {
            Settings settings = byRegion.get(name);
            if (settings != null) {
                found.add(settings);
            }
            if (name.isEmpty()) {
                return found;
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
    }

    private static <T> Optional<T> nearest(List<Settings> lineage, java.util.function.Function<Settings, T> setting) {
        return lineage.stream().map(setting).filter(value -> value != null).findFirst();
    }

    /** A name relative to the root, as {@link RegionCache#region(String)} reads it; {@code ""} is the root. */
    static String relative(String name, String rootName) {
        if (name.equals(rootName)) {
            return "";
        }
        return name.startsWith(rootName + ".") ? name.substring(rootName.length() + 1) : name;
    }

    private static String displayed(String region, String rootName) {
        return region.isEmpty() ? rootName : region;
    }

    private static String normalized(String setting) {
        return setting.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static RegionCacheConfigurationException invalid(String property, String problem, Throwable cause) {
        return new RegionCacheConfigurationException(property, property + " " + problem,
                "Correct " + property + " in the application's configuration.", cause);
    }
}
