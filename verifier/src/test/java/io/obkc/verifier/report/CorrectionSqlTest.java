package io.obkc.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.core.ColumnPair;
import io.obkc.verifier.core.TablePlan;
import io.obkc.verifier.dialect.OceanBaseDialect;
import io.obkc.verifier.dialect.VerifierDialect;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.DiffKind;
import io.obkc.verifier.model.Difference;
import io.obkc.verifier.model.Key;
import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TableInfo;
import io.obkc.verifier.model.TypeCategory;

/** The correction statements for OceanBase: literals that cannot corrupt values, every column set, key 0 kept. */
class CorrectionSqlTest {
    static final VerifierDialect OB = new OceanBaseDialect();

    static ColumnInfo col(String name, String type, TypeCategory cat) {
        return new ColumnInfo(name, type, type, cat, -1, -1, true, null);
    }

    static final List<ColumnInfo> COLUMNS = List.of(col("id", "int", TypeCategory.INTEGER),
            col("name", "varchar", TypeCategory.STRING), col("ts", "timestamp", TypeCategory.DATETIME),
            col("j", "json", TypeCategory.JSON), col("g", "point", TypeCategory.SPATIAL),
            col("b", "blob", TypeCategory.BINARY), col("d", "double", TypeCategory.DOUBLE),
            new ColumnInfo("gen", "int", "int", TypeCategory.INTEGER, -1, -1, true, null, true));

    static TablePlan plan() {
        TableInfo t = new TableInfo(new ObjectName("db", "t"), COLUMNS, List.of("id"), "PRIMARY KEY", 1);
        List<ColumnPair> pairs = COLUMNS.stream().map(c -> new ColumnPair(c, c)).toList();
        return new TablePlan(t, t, pairs, List.of(pairs.get(0)), -1);
    }

    static Map<String, RowValue> row(String id) {
        Map<String, RowValue> m = new LinkedHashMap<>();
        for (String[] kv : new String[][] {{"id", id}, {"name", "it's \\ ü"}, {"ts", "2024-01-02 03:04:05.000000"},
                {"j", "[]"}, {"g", "0:0101000000000000000000F03F0000000000000040"}, {"b", "FF00FE"},
                {"d", "1.7976931348623157e308"}, {"gen", "7"}}) {
            m.put(kv[0], new RowValue(kv[1], kv[1]));
        }
        return m;
    }

    @Test
    void insertOfAMissingRowUsesLiteralsThatKeepEveryValueAndLeavesGeneratedColumnsOut() {
        Difference d = new Difference(DiffKind.MISSING_IN_TARGET, new Key(List.of("0")), List.of(), List.of(), List.of(),
                row("0"), null);
        List<String> sql = CorrectionSql.build(OB, plan(), List.of(d), false);
        assertThat(sql).containsExactly("INSERT INTO `db`.`t` (`id`, `name`, `ts`, `j`, `g`, `b`, `d`) VALUES (0,"
                + " 'it''s \\\\ ü', '2024-01-02 03:04:05.000000', CAST('[]' AS JSON),"
                + " ST_GeomFromWKB(X'0101000000000000000000F03F0000000000000040', 0), X'FF00FE', 1.7976931348623157e308)");
    }

    @Test
    void updateSetsEveryColumnSoOnUpdateColumnsCannotDrift() {
        Map<String, RowValue> target = row("5");
        target.put("name", new RowValue("other", "other"));
        Difference d = new Difference(DiffKind.DIFFERENT_COLUMNS, new Key(List.of("5")), List.of("name"),
                List.of("it's"), List.of("other"), row("5"), target);
        List<String> sql = CorrectionSql.build(OB, plan(), List.of(d), false);
        assertThat(sql).hasSize(1);
        assertThat(sql.get(0)).startsWith("UPDATE `db`.`t` SET `name` = 'it''s \\\\ ü', `ts` = '2024-01-02 03:04:05.000000',"
                + " `j` = CAST('[]' AS JSON), `g` = ST_GeomFromWKB(X'0101000000000000000000F03F0000000000000040', 0),"
                + " `b` = X'FF00FE', `d` = 1.7976931348623157e308 WHERE `id` = 5").doesNotContain("`gen` =");
    }

    @Test
    void sessionsAndScriptsKeepKeyZeroAndBackslashEscapes() {
        assertThat(OB.scriptPreamble()).anyMatch(s -> s.startsWith("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(REPLACE(")
                && s.contains("'NO_BACKSLASH_ESCAPES', ''") && s.endsWith("'NO_AUTO_VALUE_ON_ZERO')"));
    }
}
