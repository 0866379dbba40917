package io.regioncache;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For test classes that stop Redis or point caches at nothing on purpose: the warnings that the
 * cache and Lettuce log about those outages are expected, so they are captured for the whole
 * class (Lettuce's reconnect warnings come from its own threads, up to the class's end) and shown
 * only if one of its tests failed. Tests that check a warning open their own {@link CapturedLog}.
 */
final class ExpectedOutageLog implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExpectedOutageLog.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("log", new CapturedLog());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        context.getParent().ifPresent(parent -> parent.getStore(NAMESPACE).put("failed", true));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CapturedLog log = context.getStore(NAMESPACE).remove("log", CapturedLog.class);
        log.close();
        if (context.getStore(NAMESPACE).get("failed") != null) {
            System.err.print(log.text());
        }
    }
}
