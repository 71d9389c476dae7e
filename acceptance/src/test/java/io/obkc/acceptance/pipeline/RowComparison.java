package io.obkc.acceptance.pipeline;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.obkc.acceptance.corpus.CorpusColumn;
import io.obkc.acceptance.corpus.CorpusTable;

/**
 * The suite's own oracle, independent of obkc-verify: every row of a table is read from the source and from the
 * target with plain JDBC, each value is written as canonical text by the corpus column's type
 * ({@link io.obkc.acceptance.corpus.ColumnType#canonical}), and the rows are matched by primary key in Java.
 */
final class RowComparison {
    private static final int SHOWN_PER_TABLE = 15;

    private RowComparison() {
    }

    /** One difference, in words: table, key, and what differs. */
    record Difference(String table, String key, String what) {
        @Override
        public String toString() {
            return table + " key " + key + ": " + what;
        }
    }

    static List<Difference> compare(List<CorpusTable> tables, SqlSide source, SqlSide target) throws Exception {
        List<Difference> out = new ArrayList<>();
        for (CorpusTable t : tables) {
            out.addAll(compare(t, source, target));
        }
        return out;
    }

    static List<Difference> compare(CorpusTable t, SqlSide source, SqlSide target) throws Exception {
        Map<String, List<String>> src = read(t, source);
        Map<String, List<String>> tgt = read(t, target);
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : src.entrySet()) {
            List<String> other = tgt.get(e.getKey());
            if (other == null) {
                out.add(new Difference(t.name(), e.getKey(), "missing in target, source row " + e.getValue()));
                continue;
            }
            for (int i = 0; i < t.columns().size(); i++) {
                if (!Objects.equals(e.getValue().get(i), other.get(i))) {
                    out.add(new Difference(t.name(), e.getKey(), "column " + t.columns().get(i).name() + ": source "
                            + show(e.getValue().get(i)) + ", target " + show(other.get(i))));
                }
            }
        }
        for (Map.Entry<String, List<String>> e : tgt.entrySet()) {
            if (!src.containsKey(e.getKey())) {
                out.add(new Difference(t.name(), e.getKey(), "extra in target, target row " + e.getValue()));
            }
        }
        return out;
    }

    static Map<String, List<String>> read(CorpusTable t, SqlSide side) throws Exception {
        List<String> names = t.columns().stream().map(CorpusColumn::name).toList();
        List<Integer> keyIdx = t.primaryKey().stream().map(names::indexOf).toList();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = side.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + side.columns(names) + " FROM " + side.table(t.name()))) {
            while (rs.next()) {
                List<String> values = new ArrayList<>(names.size());
                for (int i = 0; i < names.size(); i++) {
                    values.add(t.columns().get(i).type().canonical(rs, i + 1, side.postgres()));
                }
                List<String> key = keyIdx.stream().map(values::get).toList();
                if (rows.put(String.valueOf(key), values) != null) {
                    throw new AssertionError(t.name() + " on " + side.describe() + " has key " + key + " twice");
                }
            }
        }
        return rows;
    }

    static String report(List<Difference> diffs) {
        StringBuilder b = new StringBuilder();
        Map<String, Integer> perTable = new LinkedHashMap<>();
        for (Difference d : diffs) {
            int n = perTable.merge(d.table(), 1, Integer::sum);
            if (n <= SHOWN_PER_TABLE) {
                b.append("  ").append(d).append('\n');
            }
        }
        perTable.forEach((t, n) -> b.append("  ").append(t).append(": ").append(n).append(" difference(s) in total\n"));
        return b.toString();
    }

    private static String show(String v) {
        return v == null ? "NULL" : "'" + (v.length() > 80 ? v.substring(0, 80) + "…" : v) + "'";
    }
}
