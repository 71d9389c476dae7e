package io.obkc.migration.status;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code status} shows, as a terminal table or as JSON (the field names are the JSON keys). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusReport(
        String project,
        List<Step> steps,
        List<Connector> connectors,
        List<Table> tables,
        @JsonProperty("lag_ms") Long lagMs,
        @JsonProperty("lag_threshold_ms") long lagThresholdMs,
        @JsonProperty("sink_records_behind") Long sinkRecordsBehind,
        @JsonProperty("dlq_records") Long dlqRecords,
        @JsonProperty("caught_up") boolean caughtUp,
        List<String> notes) {

    public record Step(String step, String state, String since) {
    }

    public record Connector(String name, String state, List<String> tasks, String error) {
    }

    public record Table(String source, String target, @JsonProperty("source_rows") long sourceRows,
            @JsonProperty("target_rows") long targetRows, @JsonProperty("rows_exact") boolean rowsExact,
            @JsonProperty("progress_pct") double progressPct, @JsonProperty("rows_per_s") Double rowsPerSecond,
            @JsonProperty("eta_s") Long etaSeconds) {
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("project ").append(project).append(caughtUp ? "   CAUGHT UP (safe to switch over)" : "   not caught up").append('\n');
        b.append("\nSTEP          STATE       SINCE\n");
        for (Step s : steps) {
            b.append(String.format(Locale.ROOT, "%-13s %-11s %s%n", s.step(), s.state(), s.since() == null ? "" : s.since()));
        }
        b.append("\nCONNECTOR                        STATE        TASKS\n");
        for (Connector c : connectors) {
            b.append(String.format(Locale.ROOT, "%-32s %-12s %s%n", c.name(), c.state(), String.join(" ", c.tasks())));
            if (c.error() != null) {
                b.append("    ").append(c.error()).append('\n');
            }
        }
        b.append("\nTABLE (source -> target)                                   SOURCE ROWS   TARGET ROWS  PROGRESS      ETA\n");
        for (Table t : tables) {
            String name = t.source().equals(t.target()) ? t.source() : t.source() + " -> " + t.target();
            b.append(String.format(Locale.ROOT, "%-56s %13s %13s %8.1f%% %8s%n", name, (t.rowsExact() ? "" : "~") + t.sourceRows(),
                    (t.rowsExact() ? "" : "~") + t.targetRows(), t.progressPct(), t.etaSeconds() == null ? "-" : t.etaSeconds() + "s"));
        }
        b.append('\n');
        b.append("lag behind source : ").append(lagMs == null ? "unknown (no heartbeat applied yet)" : lagMs + " ms")
                .append(" (threshold ").append(lagThresholdMs).append(" ms)\n");
        b.append("sink records behind: ").append(sinkRecordsBehind == null ? "unknown" : sinkRecordsBehind)
                .append("   dead letter queue: ").append(dlqRecords == null ? "unknown" : dlqRecords).append('\n');
        notes.forEach(n -> b.append("note: ").append(n).append('\n'));
        return b.toString();
    }
}
