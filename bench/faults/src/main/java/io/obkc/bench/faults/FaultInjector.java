package io.obkc.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a seeded, shuffled list of faults at random moments while the writer writes: kill -9 + restart of a Connect
 * worker, a clean restart of one (SIGTERM, then start), kill -9 + restart of seekdb, KILL of the sink's sessions, and
 * adding or removing a second worker (a rebalance). After each fault it waits, bounded, until both connectors' tasks
 * run again; a FAILED task is recorded and restarted.
 */
final class FaultInjector implements Runnable {
    enum Fault { WORKER_KILL, WORKER_RESTART, SEEKDB_RESTART, CONN_KILL, REBALANCE }

    /** How many of each fault one topology gets, and the random pause before each (seconds). */
    record Plan(int workerKills, int workerRestarts, int seekdbRestarts, int connKills, int rebalances, int gapMinS, int gapMaxS) {
        static Plan forSinkTopologies(HarnessOptions o) {
            return new Plan(o.workerKills, 0, o.seekdbRestarts, o.connKills, o.rebalances, o.gapMinS, o.gapMaxS);
        }

        /** The OceanBase-source topology: kills and clean restarts of the worker that runs both connectors, while streaming. */
        static Plan forSourceTopology(HarnessOptions o) {
            return new Plan(o.sourceWorkerKills, o.sourceRestarts, o.privateTarget || o.allowTestbedRestart ? o.seekdbRestarts : 0,
                    o.sourceConnKills, 0, o.sourceGapMinS, o.sourceGapMaxS);
        }
    }

    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(300);
    private final HarnessOptions o;
    private final ConnectCluster cluster;
    private final Seekdb seekdb;
    private final Pipeline pipeline;
    private final Random rnd;
    private final Plan plan;
    private final List<Fault> schedule = new ArrayList<>();
    final List<String> taskFailures = new CopyOnWriteArrayList<>();
    final List<String> notes = new CopyOnWriteArrayList<>();
    volatile int workerKills;
    volatile int workerKillsRecovered;
    volatile int workerRestarts;
    volatile int seekdbRestarts;
    volatile int connKills;
    volatile int sessionsKilled;
    volatile int rebalances;
    volatile int notRecovered;
    volatile boolean done;
    volatile Throwable failure;

    FaultInjector(HarnessOptions o, ConnectCluster cluster, Seekdb seekdb, Pipeline pipeline, long seed, Plan plan) {
        this.o = o;
        this.cluster = cluster;
        this.seekdb = seekdb;
        this.pipeline = pipeline;
        this.rnd = new Random(seed);
        this.plan = plan;
        add(Fault.WORKER_KILL, plan.workerKills());
        add(Fault.WORKER_RESTART, plan.workerRestarts());
        add(Fault.SEEKDB_RESTART, plan.seekdbRestarts());
        add(Fault.CONN_KILL, plan.connKills());
        add(Fault.REBALANCE, plan.rebalances());
        Collections.shuffle(schedule, rnd);
    }

    private void add(Fault f, int n) {
        for (int i = 0; i < n; i++) {
            schedule.add(f);
        }
    }

    @Override
    public void run() {
        try {
            int n = 0;
            for (Fault f : schedule) {
                Await.pause(Duration.ofMillis(1000L * plan.gapMinS() + (long) rnd.nextInt(1000 * (plan.gapMaxS() - plan.gapMinS()) + 1)));
                n++;
                Log.info("fault " + n + "/" + schedule.size() + ": " + f);
                inject(f);
                if (!recovered()) {
                    notRecovered++;
                    notes.add("after fault " + n + " (" + f + ") the connectors were not all RUNNING within " + RECOVERY_TIMEOUT);
                } else if (f == Fault.WORKER_KILL) {
                    workerKillsRecovered++;
                }
            }
        } catch (Throwable t) {
            failure = t;
            Log.info("fault injector FAILED: " + t);
        } finally {
            done = true;
        }
    }

    private void inject(Fault f) throws Exception {
        switch (f) {
            case WORKER_KILL -> {
                List<Integer> live = cluster.liveWorkers();
                int w = live.isEmpty() ? 0 : live.get(rnd.nextInt(live.size()));
                cluster.kill9Worker(w);
                workerKills++;
                // Down for 0-5 s (seeded) before the restart, like a supervisor bringing it back.
                Await.pause(Duration.ofMillis(rnd.nextInt(5000)));
                cluster.startWorker(w);
            }
            case WORKER_RESTART -> {
                // A clean restart: SIGTERM (tasks stop, offsets are committed, the worker leaves its group), then start.
                List<Integer> live = cluster.liveWorkers();
                int w = live.isEmpty() ? 0 : live.get(rnd.nextInt(live.size()));
                cluster.stopWorker(w);
                cluster.startWorker(w);
                workerRestarts++;
            }
            case SEEKDB_RESTART -> {
                Duration down = seekdb.restart();
                seekdbRestarts++;
                Log.info("seekdb back after " + down.toSeconds() + " s");
            }
            case CONN_KILL -> {
                // The sink holds a session only while it has work: look for one for up to 60 s.
                int[] killed = {0};
                Await.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
                    try {
                        killed[0] = seekdb.killSinkSessions();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return killed[0] > 0;
                });
                int k = killed[0];
                connKills++;
                sessionsKilled += k;
                Log.info("killed " + k + " sink sessions");
            }
            case REBALANCE -> {
                if (cluster.isWorkerAlive(1)) {
                    cluster.stopWorker(1);
                } else {
                    cluster.startWorker(1);
                }
                rebalances++;
            }
            default -> throw new IllegalStateException(f.toString());
        }
    }

    /** Both connectors and all their tasks RUNNING again; FAILED tasks are recorded and restarted meanwhile. */
    boolean recovered() {
        return Await.until(RECOVERY_TIMEOUT, Duration.ofSeconds(2), () -> {
            pipeline.restartFailed(taskFailures);
            return pipeline.running();
        });
    }
}
