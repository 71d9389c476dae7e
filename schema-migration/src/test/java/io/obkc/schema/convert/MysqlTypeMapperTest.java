package io.obkc.schema.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.TableDef;

/** The ColumnDef adapter only: the mapping itself is tested in common (MysqlTypeMappingTest). */
class MysqlTypeMapperTest {
    final MysqlTypeMapper mapper = new MysqlTypeMapper();
    final MappingContext ctx = new MappingContext(new TableDef("db", "t"), TargetCapabilities.assumed(Map.of()));

    static ColumnDef col(String dataType, String columnType) {
        return new ColumnDef("c", dataType, columnType);
    }

    @Test
    void lengthAndScaleComeFromTheColumnTypeText() {
        ColumnDef zf = col("int", "int(8) unsigned zerofill");
        zf.unsigned = true;
        zf.zerofill = true;
        assertThat(mapper.map(zf, ctx).columnType).isEqualTo("int(8) unsigned zerofill");
        assertThat(mapper.map(col("decimal", "decimal(10,2)"), ctx).columnType).isEqualTo("decimal(10,2)");
        assertThat(mapper.map(col("float", "float(7,3)"), ctx).columnType).isEqualTo("float(7,3)");
        assertThat(mapper.map(col("datetime", "datetime /* mariadb-5.3 */"), ctx).columnType).isEqualTo("datetime");
        ColumnDef e = col("enum", "enum('1','it''s')");
        e.enumValues = List.of("1", "it's");
        assertThat(mapper.map(e, ctx).columnType).isEqualTo("enum('1','it''s')");
    }

    @Test
    void retypedColumnsGetTheirNewLengthCharsetAndAWarning() {
        ColumnDef u = mapper.map(col("uuid", "uuid"), ctx);
        assertThat(u.dataType).isEqualTo("char");
        assertThat(u.columnType).isEqualTo("char(36)");
        assertThat(u.length).isEqualTo(36L);
        assertThat(u.charset).isEqualTo("utf8mb4");
        assertThat(ctx.warnings()).contains("column c: MariaDB UUID stored as CHAR(36) text");
        ColumnDef s = mapper.map(col("serial", "serial"), ctx);
        assertThat(s.columnType).isEqualTo("bigint unsigned");
        assertThat(s.autoIncrement).isTrue();
        assertThat(s.nullable).isFalse();
    }

    @Test
    void jsonHasNoCharsetAndOnUpdateIsNormalised() {
        ColumnDef j = col("json", "json");
        j.charset = "utf8mb4";
        j.collation = "utf8mb4_bin";
        assertThat(mapper.map(j, ctx).charset).isNull();
        ColumnDef ts = col("timestamp", "timestamp(3)");
        ts.onUpdate = "current_timestamp(3)";
        ts.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
        ts.defaultValue = "now()";
        ColumnDef t = mapper.map(ts, ctx);
        assertThat(t.onUpdate).isEqualTo("CURRENT_TIMESTAMP(3)");
        assertThat(t.defaultValue).isEqualTo("CURRENT_TIMESTAMP(3)");
    }

    @Test
    void lobDefaultIsDroppedWithAWarning() {
        ColumnDef b = col("blob", "blob");
        b.nullable = false;
        b.defaultKind = ColumnDef.DefaultKind.LITERAL;
        b.defaultValue = "x";
        ColumnDef t = mapper.map(b, ctx);
        assertThat(t.defaultKind).isEqualTo(ColumnDef.DefaultKind.NONE);
        assertThat(ctx.warnings()).anyMatch(w -> w.startsWith("column c: default x dropped"));
    }

    @Test
    void unknownTypeThrowsTheSharedException() {
        assertThatThrownBy(() -> mapper.map(col("vector", "vector(3)"), ctx)).isInstanceOf(UnsupportedSourceTypeException.class)
                .hasMessageStartingWith("column c: unknown type vector(3); ");
    }
}
