package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * Which columns of a row carry Debezium's unavailable-value placeholder. The check resolves per row schema which fields
 * can carry it (strings, bytes, arrays); these tests pin what it finds, across schema changes too.
 */
class UnavailableValuesTest {
    private static final String P = "__debezium_unavailable_value";
    private static final UnavailableValues U = UnavailableValues.of(P);

    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("n", Schema.OPTIONAL_INT32_SCHEMA)
            .field("s", Schema.OPTIONAL_STRING_SCHEMA)
            .field("b", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("a", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("d", Decimal.builder(2).optional().build())
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();

    private static Struct row() {
        return new Struct(ROW).put("id", 1L).put("n", 7).put("s", "text").put("b", new byte[] {1, 2}).put("a", List.of("x"))
                .put("d", new BigDecimal("1.50")).put("flag", true);
    }

    @Test
    void findsThePlaceholderInStringsBytesAndArraysInSchemaOrder() {
        Struct r = row().put("s", P).put("b", P.getBytes(StandardCharsets.UTF_8)).put("a", List.of("y", P));
        assertThat(U.fieldsIn(r)).containsExactly("s", "b", "a");
        Struct buffer = row().put("b", ByteBuffer.wrap(P.getBytes(StandardCharsets.UTF_8)));
        assertThat(U.fieldsIn(buffer)).containsExactly("b");
    }

    @Test
    void findsNothingInOrdinaryRowsNullsAndLookalikes() {
        assertThat(U.fieldsIn(row())).isEmpty();
        Struct nulls = new Struct(ROW).put("id", 2L);
        assertThat(U.fieldsIn(nulls)).isEmpty();
        Struct lookalikes = row().put("s", P + " ").put("b", (P + "x").getBytes(StandardCharsets.UTF_8)).put("a", List.of(P.toUpperCase()));
        assertThat(U.fieldsIn(lookalikes)).isEmpty();
        assertThat(U.fieldsIn(null)).isEmpty();
    }

    @Test
    void followsTheRowSchemaFromRowToRow() {
        // Same field names, other types: the fields checked must be the ones of each row's own schema.
        Schema other = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).field("s", Schema.OPTIONAL_INT32_SCHEMA).build();
        Struct a = row().put("s", P);
        Struct b = new Struct(other).put("id", P).put("s", 5);
        assertThat(U.fieldsIn(a)).containsExactly("s");
        assertThat(U.fieldsIn(b)).containsExactly("id");
        assertThat(U.fieldsIn(a)).containsExactly("s");
        assertThat(U.fieldsIn(row())).isEmpty();
    }

    @Test
    void aDefaultThatIsThePlaceholderCountsForANull() {
        // As before: the value read is Struct.get's, which answers the field's default for a NULL.
        Schema s = SchemaBuilder.struct().field("c", SchemaBuilder.string().optional().defaultValue(P).build()).build();
        assertThat(U.fieldsIn(new Struct(s))).containsExactly("c");
    }

    @Test
    void anEmptyPlaceholderDetectsNothing() {
        assertThat(UnavailableValues.of("").fieldsIn(row().put("s", ""))).isEmpty();
        assertThat(UnavailableValues.of(null).fieldsIn(row().put("s", P))).isEmpty();
    }

    @Test
    void onlyStringsBytesAndArraysAreCandidates() {
        assertThat(UnavailableValues.canCarry(Schema.STRING_SCHEMA)).isTrue();
        assertThat(UnavailableValues.canCarry(Schema.BYTES_SCHEMA)).isTrue();
        assertThat(UnavailableValues.canCarry(SchemaBuilder.array(Schema.INT32_SCHEMA).build())).isTrue();
        assertThat(UnavailableValues.canCarry(Schema.INT64_SCHEMA)).isFalse();
        assertThat(UnavailableValues.canCarry(Schema.BOOLEAN_SCHEMA)).isFalse();
        assertThat(UnavailableValues.canCarry(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())).isFalse();
        assertThat(UnavailableValues.canCarry(SchemaBuilder.struct().field("x", Schema.STRING_SCHEMA).build())).isFalse();
    }
}
