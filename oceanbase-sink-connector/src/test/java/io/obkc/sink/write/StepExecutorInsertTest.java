package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.obkc.sink.event.ChangeEvent;
import io.obkc.sink.event.ChangeOperation;
import io.obkc.sink.table.TableDefinition;
import io.obkc.sink.table.TableId;

/**
 * What the executor binds for multi-row inserts, against a recording JDBC stand-in: every value of every row in column
 * order, a NULL of a column whose schema has a default bound as NULL (never as the default), and one statement text
 * per shape, prepared once and reused.
 */
class StepExecutorInsertTest {
    private static final TableId T = new TableId("db", "t");
    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("s", SchemaBuilder.string().optional().defaultValue("dflt").build())
            .field("n", SchemaBuilder.int32().optional().defaultValue(42).build())
            .field("t", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final TableDefinition DEF = new TableDefinition(T, List.of(col("id"), col("s"), col("n"), col("t")), List.of("id"));

    private static TableDefinition.Column col(String name) {
        return new TableDefinition.Column(name, "int", "int", true);
    }

    /** Calls made on statements: "prepare <sql>", "<setter> <index> <value>", "execute". */
    private final List<String> calls = new ArrayList<>();

    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
                String sql = (String) args[0];
                calls.add("prepare " + sql);
                return statement();
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    private PreparedStatement statement() {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("set")) {
                        calls.add(name + " " + args[0] + " " + (name.equals("setNull") ? "NULL" : args[1]));
                        return null;
                    }
                    if (name.equals("executeUpdate")) {
                        calls.add("execute");
                        return 1;
                    }
                    if (name.equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(name);
                });
    }

    private static ChangeEvent row(long id, String s, Integer n, String t) {
        Struct after = new Struct(ROW).put("id", id).put("s", s).put("n", n).put("t", t);
        return new ChangeEvent(new SinkRecord("topic", 0, null, null, ROW, after, id), T, ChangeOperation.UPSERT, null, null, after, ROW);
    }

    private static final List<String> FIELDS = List.of("id", "s", "n", "t");

    @Test
    void bindsEveryValueAndKeepsNullsOfColumnsWithDefaultsNull() throws Exception {
        StepExecutor x = new StepExecutor(connection(), 2);
        List<ChangeEvent> events = List.of(row(1, "a", 5, "x"), row(2, null, null, null), row(3, "dflt", 42, "z"));
        x.execute(new WriteStep.InsertRows(DEF, FIELDS, true, events));
        String two = "INSERT INTO `db`.`t` (`id`,`s`,`n`,`t`) VALUES (?,?,?,?),(?,?,?,?) ON DUPLICATE KEY UPDATE `s`=VALUES(`s`),`n`=VALUES(`n`),`t`=VALUES(`t`)";
        String one = "INSERT INTO `db`.`t` (`id`,`s`,`n`,`t`) VALUES (?,?,?,?) ON DUPLICATE KEY UPDATE `s`=VALUES(`s`),`n`=VALUES(`n`),`t`=VALUES(`t`)";
        assertThat(calls).containsExactly(
                "prepare " + two,
                "setLong 1 1", "setString 2 a", "setInt 3 5", "setString 4 x",
                "setLong 5 2", "setNull 6 NULL", "setNull 7 NULL", "setNull 8 NULL",
                "execute",
                "prepare " + one,
                "setLong 1 3", "setString 2 dflt", "setInt 3 42", "setString 4 z",
                "execute");
    }

    @Test
    void preparesEachStatementShapeOnce() throws Exception {
        StepExecutor x = new StepExecutor(connection(), 2);
        for (int i = 0; i < 3; i++) {
            x.execute(new WriteStep.InsertRows(DEF, new ArrayList<>(FIELDS), true, List.of(row(1, "a", 1, "b"), row(2, "c", 2, "d"))));
        }
        assertThat(calls.stream().filter(c -> c.startsWith("prepare")).count()).isEqualTo(1);
        assertThat(calls.stream().filter(c -> c.equals("execute")).count()).isEqualTo(3);
        assertThat(x.statementsExecuted()).isEqualTo(3);
    }
}
