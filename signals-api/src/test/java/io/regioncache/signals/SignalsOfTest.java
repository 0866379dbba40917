package io.regioncache.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsOfTest {

    @TempDir
    Path dir;

    @Test
    void localUriResolvesToTheNamedSignal() {
        assertThat(Signals.of("local:orders-changed")).isSameAs(Signals.named("orders-changed"));
    }

    @Test
    void unknownSchemeNamesTheModuleToAdd() {
        assertThatThrownBy(() -> Signals.of("kafka://127.0.0.1:9092/orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.regioncache:signals-kafka");
        assertThatThrownBy(() -> Signals.of("redis://127.0.0.1:6379?channel=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.regioncache:signals-redis-pubsub");
        assertThatThrownBy(() -> Signals.of("redis-stream://127.0.0.1:6379/orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.regioncache:signals-redis-streams");
        assertThatThrownBy(() -> Signals.of("guava:anything"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GuavaSignals.on");
    }

    @Test
    void malformedUrisAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> Signals.of("no scheme at all"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("no scheme at all");
        assertThatThrownBy(() -> Signals.of("orders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> Signals.of("local:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Signals.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void noProviderForScheme() throws IOException {
        ClassLoader loader = withProviders(List.of());
        assertThatThrownBy(() -> SignalProviders.forScheme("test", loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'test'")
                .hasMessageContaining("local");
    }

    @Test
    void oneProviderIsPickedCaseInsensitively() throws IOException {
        ClassLoader loader = withProviders(List.of(FirstTestProvider.class.getName()));
        assertThat(SignalProviders.forScheme("TEST", loader)).isInstanceOf(FirstTestProvider.class);
    }

    @Test
    void twoProvidersForOneSchemeNameBoth() throws IOException {
        ClassLoader loader = withProviders(List.of(FirstTestProvider.class.getName(), SecondTestProvider.class.getName()));
        assertThatThrownBy(() -> SignalProviders.forScheme("test", loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FirstTestProvider.class.getName())
                .hasMessageContaining(SecondTestProvider.class.getName());
    }

    @Test
    void brokenProviderDoesNotHideTheOthers() throws IOException {
        ClassLoader loader = withProviders(List.of("com.example.MissingProvider", FirstTestProvider.class.getName()));
        try (CapturedLog log = new CapturedLog()) {
            assertThat(SignalProviders.forScheme("test", loader)).isInstanceOf(FirstTestProvider.class);
            assertThat(SignalProviders.forScheme("local", loader)).isInstanceOf(LocalSignalProvider.class);

            assertThat(log.warnings()).isNotEmpty().allMatch(warning -> warning.contains("cannot be loaded"));
        }
    }

    @Test
    void aConflictOnAnotherSchemeDoesNotBreakThisOne() throws IOException {
        ClassLoader loader = withProviders(List.of(FirstTestProvider.class.getName(), SecondTestProvider.class.getName()));
        assertThat(SignalProviders.forScheme("local", loader)).isInstanceOf(LocalSignalProvider.class);
    }

    @Test
    void theSameProviderListedTwiceIsNoConflict() throws IOException {
        ClassLoader loader = withProviders(List.of(FirstTestProvider.class.getName(), FirstTestProvider.class.getName()));
        assertThat(SignalProviders.forScheme("test", loader)).isInstanceOf(FirstTestProvider.class);
    }

    @Test
    void providerThatCannotNameItsSchemeIsSkipped() throws IOException {
        ClassLoader loader = withProviders(List.of(ThrowingSchemeProvider.class.getName(), NoSchemeProvider.class.getName(),
                FirstTestProvider.class.getName()));
        try (CapturedLog log = new CapturedLog()) {
            assertThat(SignalProviders.forScheme("test", loader)).isInstanceOf(FirstTestProvider.class);

            assertThat(log.warnings()).anyMatch(warning -> warning.contains(ThrowingSchemeProvider.class.getName()))
                    .anyMatch(warning -> warning.contains(NoSchemeProvider.class.getName()));
        }
    }

    private ClassLoader withProviders(List<String> classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(SignalProvider.class.getName()), classNames);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    public static class FirstTestProvider implements SignalProvider {
        @Override
        public String scheme() {
            return "test";
        }

        @Override
        public Signal signal(URI uri) {
            return Signals.named("first");
        }
    }

    public static class SecondTestProvider extends FirstTestProvider {
    }

    public static class ThrowingSchemeProvider extends FirstTestProvider {
        @Override
        public String scheme() {
            throw new IllegalStateException("broken provider");
        }
    }

    public static class NoSchemeProvider extends FirstTestProvider {
        @Override
        public String scheme() {
            return null;
        }
    }
}
