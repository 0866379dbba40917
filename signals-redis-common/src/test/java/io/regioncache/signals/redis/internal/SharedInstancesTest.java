package io.regioncache.signals.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regioncache.signals.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leases on the instance of a connection URL: opened by the first subscription, closed by the last. */
class SharedInstancesTest {

    /** Stands for an adapter's signals object: records what opened and closed it. */
    private static final class Opened {
        final String url;
        boolean closed;

        Opened(String url) {
            this.url = url;
        }
    }

    private final List<Opened> opened = new ArrayList<>();
    private final SharedInstances<Opened> shared = new SharedInstances<>(url -> {
        Opened instance = new Opened(url);
        opened.add(instance);
        return instance;
    }, instance -> instance.closed = true);
    private final List<String> innerClosed = new ArrayList<>();

    private Subscription subscribe(String url, String name) {
        return shared.subscribe(url, instance -> () -> innerClosed.add(name + "@" + instance.url));
    }

    @Test
    void subscriptionsOfOneUrlShareOneInstanceClosedWithTheLastOfThem() {
        Subscription first = subscribe("redis://a", "first");
        Subscription second = subscribe("redis://a", "second");
        assertThat(opened).hasSize(1);

        first.close();
        first.close();
        assertThat(innerClosed).containsExactly("first@redis://a");
        assertThat(opened.get(0).closed).as("closed while a subscription remains").isFalse();

        second.close();
        assertThat(innerClosed).containsExactly("first@redis://a", "second@redis://a");
        assertThat(opened.get(0).closed).isTrue();

        subscribe("redis://a", "third");
        assertThat(opened).as("a new subscription after the last one opens a new instance").hasSize(2);
    }

    @Test
    void urlsThatDifferOnlyInCredentialsGetInstancesOfTheirOwn() {
        subscribe("redis://alice:one@h", "a");
        subscribe("redis://alice:two@h", "b");
        assertThat(opened).extracting(o -> o.url).containsExactly("redis://alice:one@h", "redis://alice:two@h");
    }

    @Test
    void aFailedSubscribeGivesItsLeaseBack() {
        assertThatThrownBy(() -> shared.subscribe("redis://a", instance -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).closed).as("the only lease failed, so the instance is closed").isTrue();
    }
}
