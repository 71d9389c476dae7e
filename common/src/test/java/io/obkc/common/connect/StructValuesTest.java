package io.obkc.common.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class StructValuesTest {
    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA)
            .field("status", SchemaBuilder.string().optional().defaultValue("new").build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @Test
    void aNullInAFieldWithADefaultStaysNull() {
        Struct row = new Struct(ROW).put("id", 1).put("status", null);

        assertThat(row.get(ROW.field("status"))).as("what Struct.get answers, the trap").isEqualTo("new");
        assertThat(StructValues.valueOf(row, ROW.field("status"))).isNull();
    }

    @Test
    void valuesAreReadAsCarried() {
        Struct row = new Struct(ROW).put("id", 7).put("status", "paid").put("note", "x");

        assertThat(StructValues.valueOf(row, ROW.field("id"))).isEqualTo(7);
        assertThat(StructValues.valueOf(row, ROW.field("status"))).isEqualTo("paid");
        assertThat(StructValues.valueOf(row, ROW.field("note"))).isEqualTo("x");
        assertThat(StructValues.valueOf(new Struct(ROW).put("id", 8), ROW.field("note"))).isNull();
    }

    @Test
    void aFieldOfASchemaWithAnotherOrderIsReadByName() {
        Schema reordered = SchemaBuilder.struct()
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("id", Schema.INT32_SCHEMA)
                .build();
        Struct row = new Struct(ROW).put("id", 3).put("status", "paid").put("note", "n");

        assertThat(StructValues.valueOf(row, reordered.field("note"))).isEqualTo("n");
        assertThat(StructValues.valueOf(row, reordered.field("id"))).isEqualTo(3);
        assertThat(StructValues.valueOf(row, ROW.field("status"))).isEqualTo("paid");
    }

    @Test
    void aFieldTheStructDoesNotHaveIsRefusedAsStructRefusesIt() {
        Schema other = SchemaBuilder.struct().field("missing", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct row = new Struct(ROW).put("id", 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StructValues.valueOf(row, other.field("missing")))
                .isInstanceOf(org.apache.kafka.connect.errors.DataException.class).hasMessageContaining("missing");
    }
}
