package io.regioncache.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension for test classes that provoke failures on purpose (a broker stopped, a listener
 * that throws): each test's log is captured, and printed only if the test fails, so that a green
 * build's log shows no expected warning or stack trace while a red one still shows everything.
 * Register it with {@code @ExtendWith(QuietLog.class)}.
 */
public final class QuietLog implements BeforeEachCallback, AfterEachCallback {

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
            System.err.print(log.text());
        }
    }
}
