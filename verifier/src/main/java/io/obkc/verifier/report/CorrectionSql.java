package io.obkc.verifier.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.obkc.verifier.core.ColumnPair;
import io.obkc.verifier.core.TablePlan;
import io.obkc.verifier.dialect.VerifierDialect;
import io.obkc.verifier.model.DiffKind;
import io.obkc.verifier.model.Difference;
import io.obkc.verifier.model.RowValue;

/**
 * Correction statements in the target's dialect that make the target equal to the source: DELETE of target-only
 * rows (only when asked: they may be legitimate), UPDATE of the differing columns, INSERT of missing rows; in that
 * order, so a key whose case differs is first removed and then inserted.
 */
public final class CorrectionSql {
    private CorrectionSql() {
    }

    public static List<String> build(VerifierDialect target, TablePlan plan, List<Difference> differences,
            boolean deleteExtra) {
        List<String> deletes = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        List<String> inserts = new ArrayList<>();
        String table = target.qualified(plan.target().name());
        for (Difference d : differences) {
            switch (d.kind()) {
                case EXTRA_IN_TARGET -> {
                    if (deleteExtra) {
                        if (plan.keyed()) {
                            deletes.add("DELETE FROM " + table + " WHERE " + keyPredicate(target, plan, d.targetRow(), false));
                        } else {
                            deletes.add(target.deleteOne(plan.target().name(), allColumnsPredicate(target, plan, d.targetRow())));
                        }
                    }
                }
                case DIFFERENT_COLUMNS -> {
                    // Every column, not only the differing ones: a column the UPDATE leaves out may be rewritten by
                    // the target (ON UPDATE CURRENT_TIMESTAMP), and then the row never converges.
                    List<String> sets = new ArrayList<>();
                    for (ColumnPair p : plan.columns()) {
                        if (p.target().generated() || plan.key().contains(p)) {
                            continue;
                        }
                        sets.add(target.quoteIdent(p.target().name()) + " = "
                                + target.literal(p.target(), p.source(), d.sourceRow().get(p.name())));
                    }
                    if (sets.isEmpty()) {
                        continue; // nothing but key columns: nothing an UPDATE could change
                    }
                    updates.add("UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE "
                            + keyPredicate(target, plan, d.sourceRow(), true));
                }
                case MISSING_IN_TARGET -> {
                    List<String> cols = new ArrayList<>();
                    List<String> vals = new ArrayList<>();
                    for (ColumnPair p : plan.columns()) {
                        if (p.target().generated()) {
                            continue;
                        }
                        cols.add(target.quoteIdent(p.target().name()));
                        vals.add(target.literal(p.target(), p.source(), d.sourceRow().get(p.name())));
                    }
                    inserts.add("INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                            + String.join(", ", vals) + ")");
                }
            }
        }
        List<String> all = new ArrayList<>(deletes);
        all.addAll(updates);
        all.addAll(inserts);
        return all;
    }

    private static ColumnPair pair(TablePlan plan, String name) {
        return plan.columns().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** Key of the row, as literals of the target's key column types. */
    private static String keyPredicate(VerifierDialect target, TablePlan plan, Map<String, RowValue> row,
            boolean fromSource) {
        List<String> parts = new ArrayList<>();
        for (ColumnPair k : plan.key()) {
            // Both rows carry the key under the source column name; the value is converted to the target type.
            parts.add(target.equalsLiteral(k.target(), target.literal(k.target(), fromSource ? k.source() : k.target(),
                    row.get(k.name()))));
        }
        return String.join(" AND ", parts);
    }

    private static String allColumnsPredicate(VerifierDialect target, TablePlan plan, Map<String, RowValue> row) {
        List<String> parts = new ArrayList<>();
        for (ColumnPair p : plan.columns()) {
            parts.add(target.equalsLiteral(p.target(), target.literal(p.target(), p.target(), row.get(p.name()))));
        }
        return String.join(" AND ", parts);
    }

    /** Result of applying corrections. */
    public record Applied(int succeeded, List<String> failures) {
    }

    /** Runs the statements on the target, each in its own transaction; failures are collected, not thrown. */
    public static Applied apply(Connection target, VerifierDialect dialect, List<String> statements) throws SQLException {
        int ok = 0;
        List<String> failures = new ArrayList<>();
        try (Statement s = target.createStatement()) {
            for (String sql : dialect.scriptPreamble()) {
                s.execute(sql);
            }
            for (String sql : statements) {
                try {
                    s.executeUpdate(sql);
                    ok++;
                } catch (SQLException e) {
                    failures.add(sql + " -- " + e.getMessage());
                }
            }
        }
        return new Applied(ok, failures);
    }

    static boolean isKind(Difference d, DiffKind k) {
        return d.kind() == k;
    }
}
