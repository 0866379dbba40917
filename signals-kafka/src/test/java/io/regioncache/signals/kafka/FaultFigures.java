package io.regioncache.signals.kafka;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures a fault test measured (records published, applied, duplicates), logged at INFO once
 * its class has run: after {@link io.regioncache.testsupport.QuietLog} has given the console back,
 * so that they show in a green build's log. Register it as a static field with
 * {@code @RegisterExtension}.
 */
final class FaultFigures implements AfterAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(FaultFigures.class);

    private final List<String> lines = new CopyOnWriteArrayList<>();

    void record(String figures) {
        lines.add(figures);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        lines.forEach(LOG::info);
        lines.clear();
    }
}
