package io.obkc.acceptance.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the WARN and ERROR log events of OBKC's own code (loggers under {@code io.obkc}) while a corpus run is
 * going on. A migration of a public sample database should log none: each one is shown in the failure so that it is
 * either fixed or explained in the docs (and then expected here by name).
 */
final class ObkcWarnings implements AutoCloseable {
    private final List<String> events = new ArrayList<>();
    private final AbstractAppender appender;
    private final LoggerConfig logger;

    ObkcWarnings() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        logger = ctx.getConfiguration().getLoggerConfig("io.obkc");
        if (!logger.getName().equals("io.obkc")) {
            throw new IllegalStateException("log4j2-test.xml of test-support no longer configures the io.obkc logger");
        }
        appender = new AbstractAppender("acceptance-obkc-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                if (e.getLevel().isMoreSpecificThan(Level.WARN)) {
                    synchronized (events) {
                        events.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getMessage().getFormattedMessage()
                                + (e.getThrown() == null ? "" : " (" + e.getThrown() + ")"));
                    }
                }
            }
        };
        appender.start();
        logger.addAppender(appender, Level.WARN, null);
        ctx.updateLoggers();
    }

    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        logger.removeAppender(appender.getName());
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        appender.stop();
    }
}
