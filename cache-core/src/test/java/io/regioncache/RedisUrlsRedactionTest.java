package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;

import io.regioncache.testsupport.RedisUrlRedactionVectors;
import org.junit.jupiter.api.Test;

/** The URL redaction signals-redis-pubsub mirrors: both modules are checked against the same vectors. */
class RedisUrlsRedactionTest {

    @Test
    void redactGivesTheSharedVectors() {
        RedisUrlRedactionVectors.VECTORS.forEach((url, redacted) ->
                assertThat(RedisUrls.redact(url)).as(url).isEqualTo(redacted));
    }
}
