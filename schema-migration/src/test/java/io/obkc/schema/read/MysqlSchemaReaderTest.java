package io.obkc.schema.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.TableDef;

class MysqlSchemaReaderTest {
    @Test
    void partitionClauseIsExtractedWithoutVersionCommentAndEngine() {
        String ddl = "CREATE TABLE `t` (\n  `id` int NOT NULL\n) ENGINE=InnoDB\n/*!50100 PARTITION BY RANGE (`id`)\n"
                + "(PARTITION p0 VALUES LESS THAN (10) ENGINE = InnoDB,\n PARTITION p1 VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */";
        assertThat(MysqlSchemaReader.extractPartitioning(ddl))
                .isEqualTo("PARTITION BY RANGE (`id`) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)");
    }

    @Test
    void partitionColumnsAreFoundInExpressions() {
        TableDef t = new TableDef("d", "t");
        t.columns.add(new ColumnDef("created", "date", "date"));
        t.columns.add(new ColumnDef("id", "int", "int"));
        assertThat(MysqlSchemaReader.columnsIn("year(`created`)", t)).containsExactly("created");
        assertThat(MysqlSchemaReader.columnsIn("id,created", t)).containsExactly("id", "created");
    }

    @Test
    void enumLabelsAreUnquoted() {
        assertThat(MysqlSchemaReader.parseQuotedList("'a','it''s','b,c'")).isEqualTo(List.of("a", "it's", "b,c"));
    }
}
