package io.obkc.acceptance.pipeline;

import io.obkc.testing.ConnectTestBed;

/**
 * One in-JVM Kafka broker and Connect worker for all corpus ITs of a run (failsafe runs them in one JVM): starting a
 * worker takes longer than some of the databases. Each IT creates its own connectors, topics and consumer group
 * (named after the IT) and deletes its connectors when it ends; the worker stops when the JVM exits.
 */
final class SharedConnect {
    private static ConnectTestBed bed;

    private SharedConnect() {
    }

    static synchronized ConnectTestBed get() {
        if (bed == null) {
            ConnectTestBed started = ConnectTestBed.start("acceptance");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "acceptance-connect-stop"));
            bed = started;
        }
        return bed;
    }
}
