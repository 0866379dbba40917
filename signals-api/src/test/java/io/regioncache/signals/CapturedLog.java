package io.regioncache.signals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what this package logs (System.Logger, which java.util.logging serves by default)
 * while open, instead of printing it: tests assert the warnings they provoke, and the log of a
 * passing run shows only the unexpected.
 */
final class CapturedLog implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.regioncache.signals");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final boolean usedParentHandlers = logger.getUseParentHandlers();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog() {
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** The messages logged at WARNING. */
    List<String> warnings() {
        return records.stream().filter(record -> record.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    /** The messages logged at SEVERE (System.Logger's ERROR). */
    List<String> errors() {
        return records.stream().filter(record -> record.getLevel() == Level.SEVERE).map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
