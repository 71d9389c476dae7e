package io.obkc.sink.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.obkc.sink.event.BinlogPosition;

class DdlOrderingTest {

    /** A test item: name, partition, binlog position (null: unknown). */
    record I(String name, String partition, Long pos) {
    }

    private static List<String> order(I... items) {
        return DdlOrdering.order(List.of(items), I::partition, i -> i.pos() == null ? null : new BinlogPosition("bin.000001", i.pos()))
                .stream().map(I::name).toList();
    }

    @Test
    void ddlGoesBeforeRowsLoggedAfterIt() {
        assertThat(order(new I("t1", "t", 10L), new I("u1", "u", 15L), new I("t2", "t", 30L), new I("t3", "t", 40L), new I("alter-t", "ddl", 20L)))
                .containsExactly("t1", "u1", "alter-t", "t2", "t3");
    }

    @Test
    void severalDdlsEachAtItsPlace() {
        assertThat(order(new I("t2", "t", 30L), new I("u2", "u", 35L), new I("alter-u", "ddl", 25L), new I("alter-t", "ddl", 28L)))
                .containsExactly("alter-u", "alter-t", "t2", "u2");
    }

    @Test
    void orderInsideAPartitionNeverChanges() {
        // Positions that go backwards inside a partition (another server, say) do not reorder it.
        assertThat(order(new I("a", "p", 50L), new I("b", "p", 10L), new I("c", "q", 20L))).containsExactly("c", "a", "b");
    }

    @Test
    void itemsWithoutPositionGoAsEarlyAsTheirPartitionAllows() {
        assertThat(order(new I("x", "p", 30L), new I("y", "q", null), new I("z", "q", 10L))).containsExactly("y", "z", "x");
    }

    @Test
    void binlogFilesCompareBeforePositions() {
        List<String> out = DdlOrdering.order(List.of("a", "b"), s -> s, s -> s.equals("a") ? new BinlogPosition("bin.000002", 4)
                : new BinlogPosition("bin.000001", 900)).stream().toList();
        assertThat(out).containsExactly("b", "a");
    }
}
