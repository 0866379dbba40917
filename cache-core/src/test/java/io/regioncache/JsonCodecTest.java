package io.regioncache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Codecs.json: plain JSON for a declared type, inherited by children, and never a class named by the data. */
class JsonCodecTest {

    record Product(String name, long cents, Instant listed, List<String> tags) {
    }

    record Envelope(String name, Object extra) {
    }

    /** A class whose construction the payloads below try to cause. */
    static final class Gadget {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        public String command;

        Gadget() {
            INSTANCES.incrementAndGet();
        }
    }

    @Test
    void valuesRoundTripAsPlainJsonAndChildrenInheritTheCodec() {
        try (RegionCache cache = RegionCache.inMemory()) {
            Region<Product> products = cache.region("products", RegionOptions.of(Codecs.json(Product.class)));
            Product lamp = new Product("lamp", 1999, Instant.parse("2026-12-01T10:15:30Z"), List.of("home", "light"));

            products.region("archived").put("lamp", lamp);

            assertThat(products.region("archived").get("lamp")).isEqualTo(lamp);
            assertThat(products.region("archived").options().codec().toString()).isEqualTo("Codecs.json(" + Product.class.getName() + ")");
            String json = cache.region("products.archived", RegionOptions.of(Codecs.utf8())).get("lamp");
            assertThat(json).contains("\"name\":\"lamp\"").contains("\"cents\":1999").doesNotContain(Product.class.getName());
        }
    }

    @Test
    void typeHintsInThePayloadInstantiateNothing() {
        Codec<Object> anything = Codecs.json(Object.class);
        String gadget = Gadget.class.getName();

        Object arrayHint = anything.decode(utf8("[\"" + gadget + "\", {\"command\": \"touch /tmp/pwned\"}]"));
        Object propertyHint = anything.decode(utf8("{\"@class\": \"" + gadget + "\", \"command\": \"x\"}"));
        Envelope nested = Codecs.json(Envelope.class).decode(utf8("{\"name\": \"n\", \"extra\": [\"" + gadget + "\", {}]}"));

        assertThat(arrayHint).isEqualTo(List.of(gadget, Map.of("command", "touch /tmp/pwned")));
        assertThat(propertyHint).isEqualTo(Map.of("@class", gadget, "command", "x"));
        assertThat(nested.extra()).isEqualTo(List.of(gadget, Map.of()));
        assertThat(Gadget.INSTANCES).hasValue(0);
    }

    @Test
    void bytesThatAreNotJsonOfTheTypeFailWithACodecExceptionNamingIt() {
        Codec<Product> codec = Codecs.json(Product.class);

        assertThatThrownBy(() -> codec.decode(utf8("{not json"))).isInstanceOf(CodecException.class)
                .hasMessageContaining(Product.class.getName());
        assertThatThrownBy(() -> codec.decode(utf8("[1, 2]"))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Codecs.json(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aRegionReadsUnreadableJsonAsAMissUnderDegrade() {
        try (RegionCache cache = RegionCache.inMemory(); CapturedLog log = new CapturedLog()) {
            cache.region("p", RegionOptions.of(Codecs.utf8())).put("k", "{broken");

            assertThat(cache.region("p", RegionOptions.of(Codecs.json(Product.class))).get("k")).isNull();
            assertThat(log.lines("WARN")).singleElement().asString().contains("Cannot decode JSON as " + Product.class.getName());
            assertThat(cache.codecFailures()).isEqualTo(1);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
