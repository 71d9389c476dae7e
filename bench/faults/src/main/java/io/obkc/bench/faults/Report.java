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
        b.append("| partitions x tasks | seed | transactions (statements) | worker kills survived | seekdb restarts | connection kills (sessions) "
                + "| rebalances | task failures | DLQ records | caught up | rows lost | rows wrong | rows extra/duplicated | result |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultHarness.Outcome r : outcomes) {
            b.append("| ").append(r.partitions()).append(" x ").append(r.tasks())
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
            b.append("\n### ").append(r.partitions()).append(" x ").append(r.tasks()).append(", seed ").append(r.seed()).append("\n\n");
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

    static String summaryLine(HarnessOptions o, List<FaultHarness.Outcome> outcomes, boolean pass) {
        long lost = outcomes.stream().mapToLong(FaultHarness.Outcome::lost).sum();
        long wrong = outcomes.stream().mapToLong(FaultHarness.Outcome::wrong).sum();
        long extra = outcomes.stream().mapToLong(FaultHarness.Outcome::extra).sum();
        int kills = outcomes.stream().mapToInt(FaultHarness.Outcome::workerKills).sum();
        int restarts = outcomes.stream().mapToInt(FaultHarness.Outcome::seekdbRestarts).sum();
        int conns = outcomes.stream().mapToInt(FaultHarness.Outcome::connKills).sum();
        int rebal = outcomes.stream().mapToInt(FaultHarness.Outcome::rebalances).sum();
        long notCaught = outcomes.stream().filter(r -> !r.caughtUp()).count();
        long dlq = outcomes.stream().mapToLong(FaultHarness.Outcome::dlqRecords).sum();
        long failures = outcomes.stream().mapToLong(r -> r.taskFailures().size()).sum();
        StringBuilder topo = new StringBuilder();
        for (int[] t : o.topologies) {
            topo.append(topo.length() == 0 ? "" : ",").append(t[0]).append('x').append(t[1]);
        }
        return "FAULTS SUMMARY: " + (pass ? "PASS" : "FAIL") + " seed=" + o.seed + " topologies=" + topo + " completed=" + outcomes.size()
                + " worker_kills=" + kills + " seekdb_restarts=" + restarts + " conn_kills=" + conns + " rebalances=" + rebal
                + " not_caught_up=" + notCaught + " task_failures=" + failures + " dlq_records=" + dlq + " rows_lost=" + lost + " rows_wrong=" + wrong + " rows_duplicated_or_extra=" + extra;
    }
}
