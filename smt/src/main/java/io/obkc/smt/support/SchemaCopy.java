package io.obkc.smt.support;

import java.util.function.UnaryOperator;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.obkc.common.connect.StructValues;

/** Copies Connect schemas and Structs field by field, for the SMTs that change row schemas. */
public final class SchemaCopy {
    private SchemaCopy() {
    }

    /** A struct builder with the original's name, version, doc, parameters and optionality, but no fields. */
    public static SchemaBuilder structLike(Schema original) {
        SchemaBuilder b = SchemaBuilder.struct().name(original.name()).version(original.version()).doc(original.doc());
        if (original.parameters() != null) {
            b.parameters(original.parameters());
        }
        if (original.isOptional()) {
            b.optional();
        }
        return b;
    }

    /**
     * An envelope schema whose {@code before} and {@code after} fields have the schema {@code row};
     * every other field is kept as is.
     */
    public static Schema envelopeWithRow(Schema envelope, Schema row) {
        SchemaBuilder b = structLike(envelope);
        for (Field f : envelope.fields()) {
            boolean image = f.name().equals(ChangeRecord.BEFORE) || f.name().equals(ChangeRecord.AFTER);
            b.field(f.name(), image ? row : f.schema());
        }
        return b.build();
    }

    /** The envelope Struct re-built on {@code newSchema}, with {@code before}/{@code after} converted by {@code rows}. */
    public static Struct envelopeValue(Struct envelope, Schema newSchema, UnaryOperator<Struct> rows) {
        Struct out = new Struct(newSchema);
        for (Field f : newSchema.fields()) {
            Object v = StructValues.valueOf(envelope, f);
            boolean image = f.name().equals(ChangeRecord.BEFORE) || f.name().equals(ChangeRecord.AFTER);
            out.put(f, image && v != null ? rows.apply((Struct) v) : v);
        }
        return out;
    }
}
