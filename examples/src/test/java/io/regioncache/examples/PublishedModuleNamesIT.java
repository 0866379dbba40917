package io.regioncache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.RegionCache;
import io.regioncache.signals.Signal;
import io.regioncache.signals.guava.GuavaSignals;
import io.regioncache.signals.kafka.KafkaSignals;
import io.regioncache.signals.redis.RedisPubSubSignals;
import io.regioncache.signals.tck.SignalContract;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every published module's jar declares Automatic-Module-Name, so that module-path users get a
 * stable name rather than one guessed from the file name ("cache.core"). An IT: it reads the jars
 * that the reactor packaged before this phase.
 */
class PublishedModuleNamesIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "signals-api, io.regioncache.signals",
        "cache-core, io.regioncache",
        "signals-guava, io.regioncache.signals.guava",
        "signals-kafka, io.regioncache.signals.kafka",
        "signals-redis-pubsub, io.regioncache.signals.redis",
        "signals-tck, io.regioncache.signals.tck"})
    void theJarDeclaresItsModuleName(String artifact, String moduleName) throws URISyntaxException {
        Path jar = jarOf(artifact);

        assertThat(jar).as("run through the verify phase, so that %s is packaged", artifact).isRegularFile();
        Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
        assertThat(modules).singleElement().satisfies(module -> {
            assertThat(module.descriptor().name()).isEqualTo(moduleName);
            assertThat(module.descriptor().isAutomatic()).isTrue();
        });
    }

    private static Path jarOf(String artifact) throws URISyntaxException {
        Class<?> member = switch (artifact) {
            case "signals-api" -> Signal.class;
            case "cache-core" -> RegionCache.class;
            case "signals-guava" -> GuavaSignals.class;
            case "signals-kafka" -> KafkaSignals.class;
            case "signals-redis-pubsub" -> RedisPubSubSignals.class;
            case "signals-tck" -> SignalContract.class;
            default -> throw new IllegalArgumentException("unknown artifact " + artifact);
        };
        return Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
