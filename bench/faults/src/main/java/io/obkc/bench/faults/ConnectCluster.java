package io.obkc.bench.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A KRaft broker in its own process and up to two distributed Connect workers, each in its own process
 * (packaging/dev-launcher's DevConnectCluster with --no-worker / --no-broker), all on 127.0.0.1. A worker can be
 * kill -9'd while the broker and the other worker live on.
 */
final class ConnectCluster implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final String OFFSET_TOPIC = "obkc-faults-offsets";
    private final HarnessOptions o;
    private final ManagedProcess broker;
    private final List<ManagedProcess> workers = new ArrayList<>();
    private final List<ConnectRest> rests = new ArrayList<>();
    private int offsetFlushMs;

    ConnectCluster(HarnessOptions o) {
        this.o = o;
        this.offsetFlushMs = o.offsetFlushMs;
        Path run = o.runDir;
        List<String> b = java("384m");
        b.addAll(List.of("--no-worker", "--host", HOST, "--kafka-port", String.valueOf(o.kafkaPort),
                "--controller-port", String.valueOf(o.kafkaPort + 1), "--data-dir", run.resolve("broker").toString()));
        broker = new ManagedProcess("broker", b, run, run.resolve("broker"));
        for (int i = 0; i < 2; i++) {
            workers.add(new ManagedProcess("worker-" + i, workerCommand(i), run, run.resolve("worker-" + i)));
            rests.add(new ConnectRest(HOST, o.restPort + i));
        }
    }

    private List<String> workerCommand(int i) {
        List<String> w = java("768m");
        w.addAll(List.of("--no-broker", "--bootstrap-servers", bootstrap(), "--host", HOST, "--rest-port", String.valueOf(o.restPort + i),
                "--data-dir", o.runDir.resolve("worker-" + i).toString(), "--plugin-path", o.pluginPath.toString(),
                "--worker", "group.id=obkc-faults",
                "--worker", "config.storage.topic=obkc-faults-configs",
                "--worker", "offset.storage.topic=" + OFFSET_TOPIC,
                "--worker", "status.storage.topic=obkc-faults-status",
                // A killed worker's tasks go to the survivor (or back to it) after 10 s, not Connect's 5 minutes.
                "--worker", "scheduled.rebalance.max.delay.ms=10000",
                "--worker", "offset.flush.interval.ms=" + offsetFlushMs));
        return w;
    }

    /**
     * Makes the workers commit offsets every {@code ms}: when that differs from what they run with, they are stopped
     * cleanly and worker-0 is started again with it (a topology's setting, not one of its faults).
     */
    void useOffsetFlush(int ms) throws IOException {
        if (ms == offsetFlushMs) {
            return;
        }
        offsetFlushMs = ms;
        Log.info("workers now commit offsets every " + ms + " ms");
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).setCommand(workerCommand(i));
            workers.get(i).stopGracefully();
        }
        startWorker(0);
    }

    private List<String> java(String heap) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xms64m");
        c.add("-Xmx" + heap);
        c.add("-XX:+UseSerialGC");
        c.add("-cp");
        c.add(o.launcherClassPath);
        c.add("io.obkc.dev.DevConnectCluster");
        return c;
    }

    String bootstrap() {
        return HOST + ":" + o.kafkaPort;
    }

    void startBroker() throws IOException {
        broker.start();
        if (!Await.until(Duration.ofSeconds(180), Duration.ofSeconds(1), () -> KafkaProbe.reachable(bootstrap()))) {
            throw new IllegalStateException("broker on " + bootstrap() + " not reachable within 180 s; see " + o.runDir.resolve("broker.out"));
        }
    }

    /** Starts worker {@code i} and waits until its REST API answers. */
    void startWorker(int i) throws IOException {
        workers.get(i).start();
        if (!Await.until(Duration.ofSeconds(240), Duration.ofSeconds(1), () -> rests.get(i).isUp())) {
            throw new IllegalStateException("worker-" + i + " REST not up within 240 s; see " + o.runDir.resolve("worker-" + i + ".out"));
        }
        Log.info("worker-" + i + " REST up");
    }

    void kill9Worker(int i) {
        workers.get(i).kill9();
    }

    void stopWorker(int i) {
        workers.get(i).stopGracefully();
    }

    boolean isWorkerAlive(int i) {
        return workers.get(i).isAlive();
    }

    List<Integer> liveWorkers() {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).isAlive()) {
                live.add(i);
            }
        }
        return live;
    }

    /** The REST client of a live worker whose API answers; worker-0 when none does (calls then fail and are retried). */
    ConnectRest rest() {
        for (int i : liveWorkers()) {
            if (rests.get(i).isUp()) {
                return rests.get(i);
            }
        }
        return rests.get(0);
    }

    @Override
    public void close() {
        for (ManagedProcess w : workers) {
            w.kill9();
        }
        broker.kill9();
    }
}
