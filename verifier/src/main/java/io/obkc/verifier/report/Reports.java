package io.obkc.verifier.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.core.ColumnPair;
import io.obkc.verifier.core.TableMapping;
import io.obkc.verifier.core.VerifyException;
import io.obkc.verifier.core.VerifyReport;
import io.obkc.verifier.dialect.VerifierDialect;
import io.obkc.verifier.model.DiffKind;
import io.obkc.verifier.model.Difference;
import io.obkc.verifier.model.Key;
import io.obkc.verifier.model.TableResult;

/** Text and JSON summaries, the inconsistent-keys file and the correction script. */
public final class Reports {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One differing row in the keys file. */
    public record KeyEntry(DiffKind kind, List<String> key, List<String> columns, List<String> sourceValues,
            List<String> targetValues) {
    }

    /** One table in the keys file. */
    public record TableKeys(String sourceDatabase, String sourceTable, String targetDatabase, String targetTable,
            List<String> keyColumns, List<KeyEntry> rows) {
    }

    /** The keys file: what --only-inconsistent reads. */
    public record KeysFile(List<TableKeys> tables) {
    }

    private Reports() {
    }

    public static String text(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-40s %-18s %10s %10s %7s %8s %8s %8s%n", "TABLE", "STATUS", "SRC ROWS",
                "TGT ROWS", "CHUNKS", "MISSING", "EXTRA", "DIFFER"));
        for (VerifyReport.Outcome o : r.tables()) {
            TableResult t = o.result();
            String name = t.source.equals(t.target) ? t.source : t.source + " -> " + t.target;
            sb.append(String.format(Locale.ROOT, "%-40s %-18s %10d %10d %7d %8d %8d %8d%n", name, t.status, t.sourceRows,
                    t.targetRows, t.chunks, t.missingInTarget, t.extraInTarget, t.differentRows));
            for (String s : t.schemaDifferences) {
                sb.append("    schema: ").append(s).append('\n');
            }
            if (t.error != null) {
                sb.append("    error: ").append(t.error).append('\n');
            }
            if (t.skippedRecent > 0) {
                sb.append("    skipped (changed recently): ").append(t.skippedRecent).append('\n');
            }
            int shown = 0;
            for (Difference d : t.differencesSnapshot()) {
                if (shown++ == 10) {
                    sb.append("    ... (all differing keys are in the keys file)\n");
                    break;
                }
                sb.append("    ").append(d.kind()).append(" key=").append(d.key());
                if (d.kind() == DiffKind.DIFFERENT_COLUMNS) {
                    for (int i = 0; i < d.columns().size(); i++) {
                        sb.append(' ').append(d.columns().get(i)).append(": ").append(show(d.sourceValues().get(i)))
                                .append(" -> ").append(show(d.targetValues().get(i)));
                    }
                }
                sb.append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "%s: %d table(s), %d rows compared in %.1f s; queries source=%d target=%d;"
                + " result bytes source=%d target=%d%n", r.consistent() ? "CONSISTENT" : "INCONSISTENT", r.tables().size(),
                r.rowsCompared(), r.elapsedMillis() / 1000.0, r.sourceQueries(), r.targetQueries(), r.sourceResultBytes(),
                r.targetResultBytes()));
        if (r.sourceServerBytes() >= 0 || r.targetServerBytes() >= 0) {
            sb.append(String.format(Locale.ROOT, "server-reported bytes sent (Bytes_sent): source=%s target=%s%n",
                    r.sourceServerBytes() < 0 ? "n/a" : r.sourceServerBytes(),
                    r.targetServerBytes() < 0 ? "n/a" : r.targetServerBytes()));
        }
        return sb.toString();
    }

    private static String show(String v) {
        if (v == null) {
            return "NULL";
        }
        String s = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return "'" + s.replace("\n", "\\n") + "'";
    }

    public static Map<String, Object> summary(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consistent", r.consistent());
        m.put("elapsedMillis", r.elapsedMillis());
        m.put("rowsCompared", r.rowsCompared());
        m.put("sourceQueries", r.sourceQueries());
        m.put("targetQueries", r.targetQueries());
        m.put("sourceResultBytes", r.sourceResultBytes());
        m.put("targetResultBytes", r.targetResultBytes());
        m.put("sourceServerBytesSent", r.sourceServerBytes());
        m.put("targetServerBytesSent", r.targetServerBytes());
        m.put("tables", r.tables().stream().map(VerifyReport.Outcome::result).toList());
        return m;
    }

    public static String json(VerifyReport r) {
        try {
            return JSON.writeValueAsString(summary(r));
        } catch (IOException e) {
            throw new VerifyException("Cannot render JSON summary: " + e.getMessage(), e);
        }
    }

    public static KeysFile keys(VerifyReport r) {
        List<TableKeys> tables = new ArrayList<>();
        for (VerifyReport.Outcome o : r.tables()) {
            if (o.plan() == null || o.result().differencesSnapshot().isEmpty() || !o.plan().keyed()) {
                continue;
            }
            List<KeyEntry> rows = new ArrayList<>();
            for (Difference d : o.result().differencesSnapshot()) {
                rows.add(new KeyEntry(d.kind(), d.key().values(), d.columns(), d.sourceValues(), d.targetValues()));
            }
            var s = o.plan().source().name();
            var t = o.plan().target().name();
            tables.add(new TableKeys(s.database(), s.table(), t.database(), t.table(),
                    o.plan().key().stream().map(ColumnPair::name).toList(), rows));
        }
        return new KeysFile(tables);
    }

    public static Map<TableMapping, List<Key>> readKeys(Path file) {
        try {
            KeysFile f = JSON.readValue(file.toFile(), KeysFile.class);
            Map<TableMapping, List<Key>> out = new LinkedHashMap<>();
            for (TableKeys t : f.tables()) {
                out.put(new TableMapping(new ObjectName(t.sourceDatabase(), t.sourceTable()),
                        new ObjectName(t.targetDatabase(), t.targetTable())),
                        t.rows().stream().map(e -> new Key(e.key())).toList());
            }
            return out;
        } catch (IOException e) {
            throw new VerifyException("Cannot read the report file " + file + " given to --only-inconsistent: "
                    + e.getMessage() + " (expected the inconsistent-keys.json a previous run wrote)", e);
        }
    }

    /** Correction statements for all tables, in the target's dialect. */
    public static List<String> corrections(VerifyReport r, VerifierDialect target, boolean deleteExtra) {
        List<String> out = new ArrayList<>();
        for (VerifyReport.Outcome o : r.tables()) {
            if (o.plan() == null || o.result().differencesSnapshot().isEmpty()) {
                continue;
            }
            out.add("-- " + o.result().source + " -> " + o.result().target + (deleteExtra ? ""
                    : " (rows only in the target are not deleted; use --delete-extra-rows)"));
            out.addAll(CorrectionSql.build(target, o.plan(), o.result().differencesSnapshot(), deleteExtra));
        }
        return out;
    }

    /** Writes summary.txt, summary.json, inconsistent-keys.json and corrections.sql into the directory. */
    public static void write(Path dir, VerifyReport r, VerifierDialect target, boolean deleteExtra) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.txt"), text(r), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("summary.json"), json(r), StandardCharsets.UTF_8);
            JSON.writeValue(dir.resolve("inconsistent-keys.json").toFile(), keys(r));
            StringBuilder sql = new StringBuilder("-- Correction SQL for the target (" + target.name()
                    + "), generated by obkc-verifier. Review before running.\n");
            for (String p : target.scriptPreamble()) {
                sql.append(p).append(";\n");
            }
            for (String s : corrections(r, target, deleteExtra)) {
                sql.append(s).append(s.startsWith("--") ? "\n" : ";\n");
            }
            Files.writeString(dir.resolve("corrections.sql"), sql.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VerifyException("Cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
