package io.obkc.common.connect;

import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Reading a Connect {@link Struct} the way the whole bundle must: the value the record carries, a NULL kept NULL.
 *
 * <p>{@code Struct.get(Field)} answers the field schema's default for a NULL, which would turn an explicit NULL into
 * the column's default (the silent change a migration must never make). {@code Struct.getWithoutDefault(String)}
 * keeps the NULL but looks the field up by name, a hash lookup per value that showed in the sink's profile. The two
 * differ only for fields with a default, so this reads by index unless the field has one.
 *
 * <p>The field may come from another schema instance than the struct's (an equal schema, or a declared schema the
 * struct was not built with): its index is used only when the struct's own field at that index has the same name, so a
 * field of a schema with another order is still read by name, never from the wrong position.
 */
public final class StructValues {
    private StructValues() {
    }

    /**
     * The value {@code struct} carries for the field of {@code field}'s name, NULL kept NULL even if the field has a
     * default. Throws Connect's DataException, as Struct does, when the struct has no field of that name.
     */
    public static Object valueOf(Struct struct, Field field) {
        List<Field> own = struct.schema().fields();
        int i = field.index();
        if (i < own.size()) {
            Field f = own.get(i);
            if (f.schema().defaultValue() == null && (f == field || f.name().equals(field.name()))) {
                return struct.get(f);
            }
        }
        return struct.getWithoutDefault(field.name());
    }
}
