package io.obkc.schema.convert;

import java.util.Map;

import io.obkc.common.rules.ObjectName;
import io.obkc.schema.model.ColumnDef;

/** Maps one source engine's columns and SQL expressions to OceanBase MySQL mode. One implementation per engine. */
public interface TypeMapper {
    /**
     * Returns the target column: {@code columnType} is OceanBase type text, the default, charset and collation are
     * in target terms. Adds warnings to {@code ctx}; throws {@link io.obkc.common.types.UnsupportedSourceTypeException}
     * (naming the column, the type and what to do) for types OceanBase has no counterpart for.
     */
    ColumnDef map(ColumnDef source, MappingContext ctx);

    /** Translates a source SQL expression (CHECK, generated column, functional key part) to MySQL syntax, best effort. */
    String expression(String sourceExpression);

    /**
     * Translates a view's SELECT to MySQL syntax, replacing references to renamed tables; throws
     * {@link UntranslatableViewException} naming a construct that is not translated exactly.
     *
     * @param renames source object -> target object of every migrated table and view
     * @param sourceTables source tables by name, for the types of the columns a view uses
     */
    TranslatedView viewDefinition(String sourceDatabase, String definition, Map<ObjectName, ObjectName> renames,
            Map<ObjectName, io.obkc.schema.model.TableDef> sourceTables);
}
