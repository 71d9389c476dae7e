package io.obkc.testing;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged in this JVM while open, as text, with the given loggers turned up to INFO (the test log
 * configuration keeps Kafka at WARN, which would hide its INFO config dumps). For tests that prove a secret is
 * never logged.
 */
public final class LogCapture implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final Map<String, Level> previous = new LinkedHashMap<>();

    private LogCapture(String... infoLoggers) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%-5level %c - %msg%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        for (String name : infoLoggers) {
            previous.put(name, LogManager.getLogger(name).getLevel());
            Configurator.setLevel(name, Level.INFO);
        }
        for (LoggerConfig lc : config.getLoggers().values()) {
            lc.addAppender(appender, Level.ALL, null);
        }
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        ctx.updateLoggers();
    }

    /** Starts capturing; the named loggers (for example {@code org.apache.kafka}) log at INFO until {@link #close}. */
    public static LogCapture start(String... infoLoggers) {
        return new LogCapture(infoLoggers);
    }

    public String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) {
            lc.removeAppender(appender.getName());
        }
        config.getRootLogger().removeAppender(appender.getName());
        previous.forEach((name, level) -> Configurator.setLevel(name, level));
        ctx.updateLoggers();
        appender.stop();
    }
}
