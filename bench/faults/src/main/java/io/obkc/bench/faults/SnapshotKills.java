package io.obkc.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kills the Connect worker with kill -9 while the OceanBase source is in the middle of its snapshot, and proves each
 * time that it was: the kill is sent once the worker has committed a snapshot offset ({@code snapshot_scn},
 * {@code snapshot_table}, {@code snapshot_key}) with a key past the previous kill's and past a seeded depth into the
 * preloaded {@code items} table, and after the kill the source
 * offset stored last in Kafka's offset topic (what the restarted worker resumes from; read with no worker running) must
 * still be a snapshot offset. The restarted task must then log that it resumes the snapshot. A snapshot that ends
 * before a kill could land is an error: the preloaded table is too small for this machine (raise --source-rows).
 */
final class SnapshotKills {
    static final String RESUME_LOG_LINE = "Resuming the snapshot at SCN";

    /** One kill: the stored offset at the kill, the table topic's size then, and whether the restart resumed. */
    record Kill(String storedOffset, long itemsTopicRecords, boolean midSnapshot, boolean resumed) {
    }

    record Result(int planned, List<Kill> kills, List<String> errors, int preloadedRows) {
        long proven() {
            return kills.stream().filter(k -> k.midSnapshot() && k.resumed()).count();
        }

        boolean allProven() {
            return proven() == planned && errors.isEmpty();
        }

        String line() {
            StringBuilder b = new StringBuilder().append(proven()).append('/').append(planned);
            for (Kill k : kills) {
                b.append(" [stored offset ").append(k.storedOffset()).append(", items topic ").append(k.itemsTopicRecords()).append(" records of ")
                        .append(preloadedRows).append(" preloaded rows, ").append(k.midSnapshot() ? "mid-snapshot" : "NOT mid-snapshot")
                        .append(k.resumed() ? ", resumed" : ", NOT resumed").append(']');
            }
            return b.toString();
        }
    }

    private final HarnessOptions o;
    private final ConnectCluster cluster;
    private final Pipeline p;
    private final Topology topo;
    private final Path workerLog;

    SnapshotKills(HarnessOptions o, ConnectCluster cluster, Pipeline p, Topology topo) {
        this.o = o;
        this.cluster = cluster;
        this.p = p;
        this.topo = topo;
        // The bundle's INFO lines also go to the console, which ManagedProcess appends to worker-0.out across restarts.
        this.workerLog = o.runDir.resolve("worker-0.out");
    }

    Result run(int planned, List<String> taskFailures) throws Exception {
        List<Kill> kills = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Random rnd = new Random(o.seed ^ 0x5a5aL);
        JsonNode previousKey = null;
        for (int i = 1; i <= planned; i++) {
            JsonNode[] seen = {null};
            boolean[] finished = {false};
            JsonNode prev = previousKey;
            // Kill i lands past a seeded depth into the preloaded table (30-80 % of its i-th share), not at the very start.
            long depth = (long) (o.sourceRows * (double) i / (planned + 1) * (0.3 + 0.5 * rnd.nextDouble()));
            boolean ready = Await.until(Duration.ofSeconds(300), Duration.ofMillis(200), () -> {
                p.restartFailed(taskFailures);
                JsonNode off = p.committedSourceOffset();
                if (off == null) {
                    return false;
                }
                if (!p.isSnapshotOffset(off)) {
                    finished[0] = true;
                    return true;
                }
                if (off.hasNonNull("snapshot_key") && !Objects.equals(off.get("snapshot_key"), prev) && deepEnough(off, depth)) {
                    seen[0] = off;
                    return true;
                }
                return false;
            });
            if (!ready || finished[0]) {
                errors.add("ERROR: snapshot kill " + i + "/" + planned + ": " + (finished[0]
                        ? "the snapshot finished before the worker committed a (new) mid-snapshot offset; raise --source-rows (now "
                        + o.sourceRows + ") or lower --source-chunk"
                        : "no mid-snapshot offset committed within 300 s"));
                break;
            }
            long resumesBefore = resumeLines();
            cluster.kill9Worker(0);
            // What a restarted worker resumes from: the last source offset in the offset topic, read with no worker alive.
            JsonNode stored = TopicAudit.lastStoredOffset(cluster.bootstrap(), ConnectCluster.OFFSET_TOPIC, p.source);
            boolean mid = stored != null && p.isSnapshotOffset(stored);
            long topicRecords = KafkaProbe.records(cluster.bootstrap(), topo.prefix() + "." + topo.sourceDb() + ".items");
            Log.info("kill -9 mid-snapshot " + i + "/" + planned + ": offset stored last " + stored + "; items topic holds " + topicRecords
                    + " records of " + o.sourceRows + " preloaded rows");
            previousKey = stored == null ? null : stored.get("snapshot_key");
            Await.pause(Duration.ofMillis(rnd.nextInt(3000)));
            cluster.startWorker(0);
            boolean resumed = mid && Await.until(Duration.ofSeconds(240), Duration.ofSeconds(1), () -> {
                p.restartFailed(taskFailures);
                return resumeLines() > resumesBefore;
            });
            if (!mid) {
                errors.add("ERROR: snapshot kill " + i + ": the offset stored last was not a snapshot offset (" + stored + ")");
            } else if (!resumed) {
                errors.add("ERROR: snapshot kill " + i + ": the restarted worker did not log '" + RESUME_LOG_LINE + "' within 240 s");
            }
            kills.add(new Kill(stored == null ? "none" : describe(stored), topicRecords, mid, resumed));
        }
        return new Result(planned, kills, errors, o.sourceRows);
    }

    /** The offset is in the preloaded table at a key of at least {@code depth} (or past it, or its key is not a number). */
    private boolean deepEnough(JsonNode offset, long depth) {
        String table = offset.path("snapshot_table").asText();
        String items = topo.sourceDb() + ".items";
        if (table.compareTo(items) != 0) {
            return table.compareTo(items) > 0;
        }
        try {
            JsonNode key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(offset.path("snapshot_key").asText());
            return key.path(0).asLong(Long.MAX_VALUE) >= depth;
        } catch (Exception e) {
            return true;
        }
    }

    private static String describe(JsonNode offset) {
        if (offset.hasNonNull("snapshot_scn")) {
            return "snapshot_table=" + offset.path("snapshot_table").asText() + " snapshot_key=" + offset.path("snapshot_key").asText();
        }
        return offset.toString();
    }

    /** How many times the worker logged that a task resumes the snapshot (the log survives the worker's restarts). */
    private long resumeLines() {
        if (!Files.exists(workerLog)) {
            return 0;
        }
        try (var lines = Files.lines(workerLog)) {
            return lines.filter(l -> l.contains(RESUME_LOG_LINE)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
