package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegionOptionsTest {

    @Test
    void defaultsHaveNoTimeoutResetOnUpdateAndTheFilteredSerializationCodec() {
        RegionOptions<Object> defaults = RegionOptions.defaults();

        assertThat(defaults.timeout()).isEmpty();
        assertThat(defaults.updateResetsTimeout()).isTrue();
        assertThat(defaults.codec()).isSameAs(Codecs.javaSerialization());
    }

    @Test
    void withersReturnNewInstancesAndLeaveTheOriginal() {
        RegionOptions<Object> defaults = RegionOptions.defaults();
        RegionOptions<String> changed = defaults.withTimeout(Duration.ofMinutes(5)).withUpdateResetsTimeout(false)
                .withCodec(Codecs.utf8());

        assertThat(changed.timeout()).contains(Duration.ofMinutes(5));
        assertThat(changed.updateResetsTimeout()).isFalse();
        assertThat(changed.codec()).isSameAs(Codecs.utf8());
        assertThat(changed.withoutTimeout().timeout()).isEmpty();
        assertThat(defaults).isEqualTo(RegionOptions.defaults()).isNotEqualTo(changed);
        assertThat(RegionOptions.of(Codecs.utf8())).isEqualTo(defaults.withCodec(Codecs.utf8()));
        assertThat(changed.toString()).contains("PT5M", "updateResetsTimeout=false", "Codecs.utf8()");
    }

    @Test
    void aTimeoutMustBeAtLeastAMillisecond() {
        RegionOptions<Object> defaults = RegionOptions.defaults();

        assertThatThrownBy(() -> defaults.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> defaults.withTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withTimeout(Duration.ofNanos(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> defaults.withTimeout(null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> defaults.withCodec(null)).withMessage("codec");
        assertThatNullPointerException().isThrownBy(() -> RegionOptions.of(null));
    }

    @Test
    void nearCacheAndLoadLeaseAreKeptByTheOtherWithersAndTellOptionsApart() {
        RegionOptions<String> leased = RegionOptions.of(Codecs.utf8()).withNearCache(false).withLoadLease(Duration.ofSeconds(3));

        RegionOptions<String> changedAgain = leased.withTimeout(Duration.ofMinutes(1)).withUpdateResetsTimeout(false).withoutTimeout();
        assertThat(changedAgain.nearCache()).isFalse();
        assertThat(changedAgain.loadLease()).contains(Duration.ofSeconds(3));
        assertThat(leased.withCodec(Codecs.bytes()).loadLease()).contains(Duration.ofSeconds(3));
        assertThat(RegionOptions.defaults().nearCache()).isTrue();
        assertThat(leased).isNotEqualTo(RegionOptions.of(Codecs.utf8()).withLoadLease(Duration.ofSeconds(3)))
                .isNotEqualTo(RegionOptions.of(Codecs.utf8()).withNearCache(false))
                .isEqualTo(RegionOptions.of(Codecs.utf8()).withNearCache(false).withLoadLease(Duration.ofSeconds(3)));
        assertThat(leased.toString()).contains("nearCache=false", "loadLease=PT3S");
        assertThatNullPointerException().isThrownBy(() -> leased.withLoadLease(null)).withMessage("maxLoadTime");
    }
}
