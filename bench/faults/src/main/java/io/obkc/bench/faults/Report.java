package io.obkc.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The markdown report and the one summary line CI greps for. */
final class Report {
    private Report() {
    }

    static String markdown(HarnessOptions o, List<FaultHarness.Outcome> outcomes, Instant started) {
        StringBuilder b = new StringBuilder();
        b.append("## Fault-injection run ").append(started).append("\n\n");
        b.append("Command: `").append(o.command).append("` (seed ").append(o.seed).append(", target seekdb ")
                .append(o.privateTarget ? "private" : "test bed").append(" ").append(o.obHost).append(':').append(o.obPort)
                .append(", ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s)\n\n");
        b.append("| topology (partitions x tasks) | seed | transactions (statements) | worker kills survived | seekdb restarts | connection kills (sessions) "
                + "| rebalances | task failures | DLQ records | caught up | rows lost | rows wrong | rows extra/duplicated | result |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultHarness.Outcome r : outcomes) {
            b.append("| ").append(r.topology().label())
                    .append(" | ").append(r.seed())
                    .append(" | ").append(r.transactions()).append(" (").append(r.statements()).append(")")
                    .append(" | ").append(r.workerKillsRecovered()).append(" / ").append(r.workerKills())
                    .append(" | ").append(r.seekdbRestarts())
                    .append(" | ").append(r.connKills()).append(" (").append(r.sessionsKilled()).append(")")
                    .append(" | ").append(r.rebalances())
                    .append(" | ").append(r.taskFailures().size())
                    .append(" | ").append(r.dlqRecords())
                    .append(" | ").append(r.caughtUp() ? "yes, " + r.catchUpSeconds() + " s" : "NO")
                    .append(" | ").append(r.lost()).append(" | ").append(r.wrong()).append(" | ").append(r.extra())
                    .append(" | ").append(r.pass() ? "PASS" : "**FAIL**").append(" |\n");
        }
        for (FaultHarness.Outcome r : outcomes) {
            b.append("\n### ").append(r.topology().label()).append(", seed ").append(r.seed()).append("\n\n");
            if (r.topology().oceanBaseSource()) {
                b.append("OceanBase source (changelog mode) -> Kafka -> OceanBase sink -> seekdb. Kills mid-snapshot: ")
                        .append(r.snapshotKills() == null ? "none" : r.snapshotKills().line()).append("; kills mid-stream: ")
                        .append(r.workerKillsRecovered()).append(" / ").append(r.workerKills()).append("; clean restarts: ")
                        .append(r.workerRestarts()).append("\n\n");
                if (r.audit() != null) {
                    b.append("Topic audit: ").append(r.audit().line()).append("\n\n");
                    for (String e : r.audit().examples()) {
                        b.append("- ").append(e).append("\n");
                    }
                }
            }
            b.append("Writer mix: ").append(r.writerMix()).append("; writer errors ").append(r.writerErrors()).append("\n\n");
            b.append("| table | source rows | target rows | lost | wrong | extra |\n|---|---|---|---|---|---|\n");
            for (TableComparer.Result t : r.tables()) {
                b.append("| ").append(t.table()).append(" | ").append(t.sourceRows()).append(" | ").append(t.targetRows())
                        .append(" | ").append(t.lost()).append(" | ").append(t.wrong()).append(" | ").append(t.extra()).append(" |\n");
            }
            for (TableComparer.Result t : r.tables()) {
                for (String e : t.examples()) {
                    b.append("\n- ").append(t.table()).append(": ").append(e);
                }
            }
            java.util.Map<String, Long> failures = new java.util.LinkedHashMap<>();
            for (String f : r.taskFailures()) {
                failures.merge(f, 1L, Long::sum);
            }
            failures.forEach((f, n) -> b.append("\n- task failure (").append(n).append("x, restarted): ").append(f));
            for (String n : r.notes()) {
                b.append("\n- ").append(n);
            }
            b.append("\n");
        }
        return b.toString();
    }

    /**
     * One line per topology, before the overall summary line. For an OceanBase-source topology it also says how many
     * kills landed mid-snapshot (proven) and mid-stream, the clean restarts, and the topic audit (duplicates are counted,
     * not failed on; conflicting duplicates and gaps fail).
     */
    static String topologyLine(FaultHarness.Outcome r) {
        StringBuilder b = new StringBuilder("FAULTS TOPOLOGY SUMMARY: ").append(r.pass() ? "PASS" : "FAIL").append(" topology=")
                .append(r.topology().label()).append(" seed=").append(r.seed()).append(" transactions=").append(r.transactions());
        if (r.topology().oceanBaseSource()) {
            b.append(" snapshot_kills=").append(r.snapshotKills() == null ? "0/0" : r.snapshotKills().proven() + "/" + r.snapshotKills().planned())
                    .append(" stream_kills=").append(r.workerKillsRecovered()).append('/').append(r.workerKills())
                    .append(" clean_restarts=").append(r.workerRestarts());
        } else {
            b.append(" worker_kills=").append(r.workerKillsRecovered()).append('/').append(r.workerKills()).append(" rebalances=").append(r.rebalances());
        }
        b.append(" seekdb_restarts=").append(r.seekdbRestarts()).append(" conn_kills=").append(r.connKills())
                .append(" caught_up=").append(r.caughtUp()).append(" task_failures=").append(r.taskFailures().size())
                .append(" dlq_records=").append(r.dlqRecords()).append(" rows_lost=").append(r.lost()).append(" rows_wrong=").append(r.wrong())
                .append(" rows_duplicated_or_extra=").append(r.extra());
        if (r.audit() != null) {
            b.append(" topic_events=").append(r.audit().events()).append(" topic_duplicates=").append(r.audit().duplicates())
                    .append(" topic_conflicting_duplicates=").append(r.audit().conflicting()).append(" topic_tx_with_gaps=")
                    .append(r.audit().transactionsWithGaps());
        }
        return b.toString();
    }

    static String summaryLine(HarnessOptions o, List<FaultHarness.Outcome> outcomes, boolean pass) {
        long lost = outcomes.stream().mapToLong(FaultHarness.Outcome::lost).sum();
        long wrong = outcomes.stream().mapToLong(FaultHarness.Outcome::wrong).sum();
        long extra = outcomes.stream().mapToLong(FaultHarness.Outcome::extra).sum();
        int kills = outcomes.stream().mapToInt(FaultHarness.Outcome::workerKills).sum();
        int restarts = outcomes.stream().mapToInt(FaultHarness.Outcome::seekdbRestarts).sum();
        int conns = outcomes.stream().mapToInt(FaultHarness.Outcome::connKills).sum();
        int rebal = outcomes.stream().mapToInt(FaultHarness.Outcome::rebalances).sum();
        long snapKills = outcomes.stream().filter(r -> r.snapshotKills() != null).mapToLong(r -> r.snapshotKills().proven()).sum();
        int cleanRestarts = outcomes.stream().mapToInt(FaultHarness.Outcome::workerRestarts).sum();
        long dups = outcomes.stream().filter(r -> r.audit() != null).mapToLong(r -> r.audit().duplicates()).sum();
        long notCaught = outcomes.stream().filter(r -> !r.caughtUp()).count();
        long dlq = outcomes.stream().mapToLong(FaultHarness.Outcome::dlqRecords).sum();
        long failures = outcomes.stream().mapToLong(r -> r.taskFailures().size()).sum();
        StringBuilder topo = new StringBuilder();
        for (Topology t : o.topologies) {
            topo.append(topo.length() == 0 ? "" : ",").append(t.label());
        }
        return "FAULTS SUMMARY: " + (pass ? "PASS" : "FAIL") + " seed=" + o.seed + " topologies=" + topo + " completed=" + outcomes.size()
                + " worker_kills=" + kills + " snapshot_kills=" + snapKills + " clean_restarts=" + cleanRestarts + " seekdb_restarts=" + restarts + " conn_kills=" + conns + " rebalances=" + rebal
                + " not_caught_up=" + notCaught + " task_failures=" + failures + " dlq_records=" + dlq + " rows_lost=" + lost + " rows_wrong=" + wrong + " rows_duplicated_or_extra=" + extra + " topic_duplicates=" + dups;
    }
}
