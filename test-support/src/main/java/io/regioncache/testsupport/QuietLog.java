package io.regioncache.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JUnit extension for test classes that provoke failures on purpose (a broker stopped, a listener
 * that throws): each test's log is captured, and printed only if the test fails, so that a green
 * build's log shows no expected warning or stack trace while a red one still shows everything
 * (replayed through SLF4J at ERROR).
 * Register it with {@code @ExtendWith(QuietLog.class)}.
 */
public final class QuietLog implements BeforeEachCallback, AfterEachCallback {

    private static final Logger LOG = LoggerFactory.getLogger(QuietLog.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QuietLog.class);

    /** Needed by JUnit. */
    public QuietLog() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(context.getUniqueId(), CapturedLog.start());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CapturedLog log = context.getStore(NAMESPACE).remove(context.getUniqueId(), CapturedLog.class);
        if (log == null) {
            return;
        }
        log.close();
        if (context.getExecutionException().isPresent()) {
            // After close(): the console is the real one again, so this reaches the build's log.
            LOG.error("{} failed; what it logged:{}{}", context.getDisplayName(), System.lineSeparator(), log.text());
        }
    }
}
