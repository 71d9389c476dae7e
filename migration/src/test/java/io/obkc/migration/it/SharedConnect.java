package io.obkc.migration.it;

import io.obkc.testing.ConnectTestBed;

/**
 * One in-JVM Kafka broker and Connect worker for both project ITs (failsafe runs them in one JVM): starting one takes
 * longer than a whole project run. Each project has its own connectors, topics and consumer group; the worker stops
 * when the JVM exits.
 */
final class SharedConnect {
    private static ConnectTestBed bed;

    private SharedConnect() {
    }

    static synchronized ConnectTestBed get() {
        if (bed == null) {
            ConnectTestBed started = ConnectTestBed.start("migration-it");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "migration-connect-stop"));
            bed = started;
        }
        return bed;
    }
}
