package io.obkc.common.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MysqlTypeMappingTest {

    private static String type(String name, Integer length, Integer scale) {
        return MysqlTypeMapping.map(MysqlSourceType.of("c", name, length, scale)).sql();
    }

    @Test
    void integersKeepWidthSignednessAndZerofill() {
        assertThat(type("int", null, null)).isEqualTo("int");
        assertThat(type("INTEGER", 11, null)).isEqualTo("int(11)");
        assertThat(type("TINYINT", 1, null)).isEqualTo("tinyint(1)");
        assertThat(type("INT UNSIGNED ZEROFILL", 10, null)).isEqualTo("int(10) unsigned zerofill");
        assertThat(type("BIGINT UNSIGNED", null, null)).isEqualTo("bigint unsigned");
        assertThat(type("int8", null, null)).isEqualTo("bigint");
        assertThat(type("MIDDLEINT", null, null)).isEqualTo("mediumint");
        assertThat(MysqlTypeMapping.map(new MysqlSourceType("c", "smallint", 5, null, true, false, List.of())).sql())
                .isEqualTo("smallint(5) unsigned");
        // ZEROFILL implies UNSIGNED, as in MySQL.
        assertThat(MysqlTypeMapping.map(new MysqlSourceType("c", "int", 8, null, false, true, List.of())).sql())
                .isEqualTo("int(8) unsigned zerofill");
    }

    @Test
    void booleanAndSerialAndMariadbTypes() {
        assertThat(type("BOOLEAN", null, null)).isEqualTo("tinyint(1)");
        assertThat(type("bool", null, null)).isEqualTo("tinyint(1)");
        assertThat(type("serial", null, null)).isEqualTo("bigint unsigned");
        OceanBaseType uuid = MysqlTypeMapping.map(MysqlSourceType.of("u", "UUID", null, null));
        assertThat(uuid.sql()).isEqualTo("char(36)");
        assertThat(uuid.length()).isEqualTo(36);
        assertThat(uuid.note()).contains("UUID");
        assertThat(type("INET6", null, null)).isEqualTo("varchar(39)");
        assertThat(type("inet4", null, null)).isEqualTo("varchar(15)");
    }

    @Test
    void numericTypes() {
        assertThat(type("DECIMAL", 10, 2)).isEqualTo("decimal(10,2)");
        assertThat(type("numeric", null, null)).isEqualTo("decimal(10,0)");
        assertThat(type("decimal", 65, 30)).isEqualTo("decimal(65,30)");
        assertThat(type("DEC", 90, 40)).isEqualTo("decimal(65,30)");
        assertThat(type("decimal unsigned", 5, 2)).isEqualTo("decimal(5,2) unsigned");
        assertThat(type("float", null, null)).isEqualTo("float");
        assertThat(type("float", 7, 3)).isEqualTo("float(7,3)");
        assertThat(type("float", 30, null)).isEqualTo("double");
        assertThat(type("REAL", null, null)).isEqualTo("double");
        assertThat(type("double precision", 10, 2)).isEqualTo("double(10,2)");
        assertThat(type("BIT", 12, null)).isEqualTo("bit(12)");
        assertThat(type("bit", null, null)).isEqualTo("bit(1)");
        assertThat(type("bit", 100, null)).isEqualTo("bit(64)");
    }

    @Test
    void stringAndTemporalTypes() {
        assertThat(type("VARCHAR", 40, null)).isEqualTo("varchar(40)");
        assertThat(type("national varchar", 10, null)).isEqualTo("varchar(10)");
        assertThat(type("CHAR", null, null)).isEqualTo("char(1)");
        assertThat(type("binary", 16, null)).isEqualTo("binary(16)");
        assertThat(type("varbinary", 255, null)).isEqualTo("varbinary(255)");
        assertThat(type("DATETIME", 6, null)).isEqualTo("datetime(6)");
        assertThat(type("datetime", 0, null)).isEqualTo("datetime");
        assertThat(type("time", 3, null)).isEqualTo("time(3)");
        assertThat(MysqlTypeMapping.map(MysqlSourceType.of("c", "timestamp", 3, null)).fsp()).isEqualTo(3);
        assertThat(type("year", 4, null)).isEqualTo("year");
        assertThat(type("LONG VARCHAR", null, null)).isEqualTo("mediumtext");
        assertThat(type("long varbinary", null, null)).isEqualTo("mediumblob");
        assertThat(type("TEXT", null, null)).isEqualTo("text");
        assertThat(type("geomcollection", null, null)).isEqualTo("geomcollection");
        assertThat(MysqlTypeMapping.map(MysqlSourceType.of("c", "longtext", null, null)).note()).contains("512 MB");
    }

    @Test
    void enumAndSetLabelsAreKeptExactly() {
        assertThat(MysqlTypeMapping.map(new MysqlSourceType("s", "SET", null, null, false, false, List.of("a", "b"))).sql())
                .isEqualTo("set('a','b')");
        assertThat(MysqlTypeMapping.map(new MysqlSourceType("e", "enum", null, null, false, false, List.of("new", "it's", "a\\b"))).sql())
                .isEqualTo("enum('new','it''s','a\\\\b')");
    }

    @Test
    void unsupportedTypesNameTheColumnTheTypeAndWhatToDo() {
        assertThatThrownBy(() -> MysqlTypeMapping.map(MysqlSourceType.of("x", "vector", 3, null)))
                .isInstanceOf(UnsupportedSourceTypeException.class)
                .hasMessageStartingWith("column x: unknown type vector(3); ")
                .hasMessageContaining("change the column to a supported type on the source")
                .satisfies(e -> {
                    assertThat(((UnsupportedSourceTypeException) e).column()).isEqualTo("x");
                    assertThat(((UnsupportedSourceTypeException) e).type()).isEqualTo("vector(3)");
                });
        assertThatThrownBy(() -> MysqlTypeMapping.map(MysqlSourceType.of("g", "SOMETYPE", null, null))).hasMessageContaining("SOMETYPE");
        assertThatThrownBy(() -> MysqlTypeMapping.map(MysqlSourceType.of("v", "VARCHAR", null, null)))
                .hasMessageStartingWith("column v: type VARCHAR without a length");
        assertThatThrownBy(() -> MysqlTypeMapping.map(MysqlSourceType.of("e", "ENUM", null, null))).hasMessageContaining("without values");
        assertThatThrownBy(() -> MysqlTypeMapping.map(MysqlSourceType.of("n", null, null, null))).hasMessageContaining("column n: no type");
    }

    @Test
    void lobLikeAndCharacterTypes() {
        for (String t : List.of("tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json",
                "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection",
                "geomcollection")) {
            assertThat(MysqlTypeMapping.isLobLike(t)).as(t).isTrue();
            assertThat(MysqlTypeMapping.map(MysqlSourceType.of("c", t.toUpperCase(), null, null)).isLobLike()).as(t).isTrue();
        }
        assertThat(MysqlTypeMapping.isLobLike("varchar")).isFalse();
        assertThat(MysqlTypeMapping.isCharacter("enum")).isTrue();
        assertThat(MysqlTypeMapping.isCharacter("json")).isFalse();
        assertThat(MysqlTypeMapping.isCharacter("varbinary")).isFalse();
    }

    @Test
    void expressionDefaults() {
        OceanBaseType dt3 = MysqlTypeMapping.map(MysqlSourceType.of("c", "datetime", 3, null));
        assertThat(MysqlTypeMapping.expressionDefault("current_timestamp()", dt3)).isEqualTo("CURRENT_TIMESTAMP(3)");
        assertThat(MysqlTypeMapping.expressionDefault("now(6)", dt3)).isEqualTo("CURRENT_TIMESTAMP(6)");
        OceanBaseType dt = MysqlTypeMapping.map(MysqlSourceType.of("c", "timestamp", null, null));
        assertThat(MysqlTypeMapping.expressionDefault("LOCALTIMESTAMP", dt)).isEqualTo("CURRENT_TIMESTAMP");
        OceanBaseType v = MysqlTypeMapping.map(MysqlSourceType.of("c", "varchar", 36, null));
        assertThat(MysqlTypeMapping.expressionDefault("uuid()", v)).isEqualTo("(uuid())");
        assertThat(MysqlTypeMapping.expressionDefault("(uuid())", v)).isEqualTo("(uuid())");
        assertThat(MysqlTypeMapping.expressionDefault("b'101'", MysqlTypeMapping.map(MysqlSourceType.of("c", "bit", 3, null))))
                .isEqualTo("b'101'");
        assertThat(MysqlTypeMapping.normalizeCurrentTimestamp("on_update_something", 3)).isEqualTo("on_update_something");
        assertThat(MysqlTypeMapping.normalizeCurrentTimestamp("current_timestamp", 6)).isEqualTo("CURRENT_TIMESTAMP(6)");
    }

    @Test
    void literalDefaults() {
        assertThat(MysqlTypeMapping.literalDefault("0.00", "decimal(10,2)")).isEqualTo("0.00");
        assertThat(MysqlTypeMapping.literalDefault("-5", "int(11) unsigned")).isEqualTo("-5");
        assertThat(MysqlTypeMapping.literalDefault("1", "tinyint")).isEqualTo("1");
        assertThat(MysqlTypeMapping.literalDefault("007", "varchar(10)")).isEqualTo("'007'");
        assertThat(MysqlTypeMapping.literalDefault("it's", "char(3)")).isEqualTo("'it''s'");
        assertThat(MysqlTypeMapping.literalDefault("n/a", "int")).isEqualTo("'n/a'");
        assertThat(MysqlTypeMapping.literalDefault("2024-01-01", "date")).isEqualTo("'2024-01-01'");
    }
}
