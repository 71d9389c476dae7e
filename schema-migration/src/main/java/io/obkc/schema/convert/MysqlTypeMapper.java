package io.obkc.schema.convert;

import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.common.types.MysqlSourceType;
import io.obkc.common.types.MysqlTypeMapping;
import io.obkc.common.types.OceanBaseType;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.schema.model.ColumnDef;

/**
 * MySQL/MariaDB to OceanBase MySQL mode for the schema migration. The type mapping itself, which types take no
 * DEFAULT and how defaults are written live in {@link MysqlTypeMapping} (common module), shared with the sink's DDL
 * sync so both create the same columns; this class only adapts {@link ColumnDef} to it and adds what needs the
 * target tenant (charset/collation mapping through {@link TargetCapabilities}) and the warnings. See
 * docs/type-mapping.md.
 */
public final class MysqlTypeMapper implements TypeMapper {
    /** The {@code (M)} or {@code (M,D)} of a type text such as {@code decimal(10,2) unsigned}; ENUM/SET labels do not match. */
    private static final Pattern PARAMS = Pattern.compile("^[^(]*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    /** @throws UnsupportedSourceTypeException for a type OceanBase has no counterpart for (the table then fails) */
    @Override
    public ColumnDef map(ColumnDef src, MappingContext ctx) {
        String what = "column " + src.name;
        OceanBaseType target = MysqlTypeMapping.map(sourceType(src));
        ColumnDef t = src.copy();
        t.dataType = target.baseType();
        t.columnType = target.sql();
        if (!target.baseType().equals(src.dataType.toLowerCase(Locale.ROOT))) {
            // Retyped (BOOLEAN, MariaDB UUID/INET*): the source's length means nothing for the new type.
            t.length = target.length() == null ? null : target.length().longValue();
            if (target.isCharacter() && t.charset == null) {
                t.charset = "utf8mb4";
            }
        }
        if (src.dataType.equalsIgnoreCase("serial")) {
            t.unsigned = true;
            t.autoIncrement = true;
            t.nullable = false;
        }
        if (target.note() != null) {
            ctx.warn(what + ": " + target.note());
        }
        mapCharset(t, target, ctx, what);
        mapDefault(t, target, ctx, what);
        if (t.onUpdate != null) {
            t.onUpdate = MysqlTypeMapping.normalizeCurrentTimestamp(t.onUpdate, target.fsp());
        }
        if (t.generationExpression != null) {
            t.generationExpression = expression(t.generationExpression);
        }
        return t;
    }

    /** The source facts of a column as read from {@code information_schema.COLUMNS}: M and D come from COLUMN_TYPE. */
    static MysqlSourceType sourceType(ColumnDef c) {
        Matcher m = PARAMS.matcher(c.columnType == null ? "" : c.columnType);
        Integer length = null;
        Integer scale = null;
        if (m.find()) {
            length = Integer.valueOf(m.group(1));
            scale = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        }
        return new MysqlSourceType(c.name, c.dataType, length, scale, c.unsigned, c.zerofill, c.enumValues);
    }

    private static void mapCharset(ColumnDef t, OceanBaseType target, MappingContext ctx, String what) {
        if (!target.isCharacter() || (t.charset == null && t.collation == null)) {
            t.charset = null;
            t.collation = null;
            return;
        }
        TargetCapabilities.Collation c = ctx.target().map(t.charset, t.collation);
        t.charset = c.charset();
        t.collation = c.collation();
        if (c.warning() != null) {
            ctx.warn(what + ": " + c.warning());
        }
    }

    /** Drops defaults OceanBase rejects (LOB-like columns) with a warning and writes expression defaults in target terms. */
    static void mapDefault(ColumnDef t, OceanBaseType target, MappingContext ctx, String what) {
        if (t.defaultKind == ColumnDef.DefaultKind.NONE || t.defaultKind == ColumnDef.DefaultKind.NULL) {
            return;
        }
        if (target.isLobLike()) {
            dropLobDefault(t, ctx, what);
        } else if (t.defaultKind == ColumnDef.DefaultKind.EXPRESSION) {
            t.defaultValue = MysqlTypeMapping.expressionDefault(t.defaultValue, target);
        }
    }

    /** Drops the default of a LOB-like column ({@link MysqlTypeMapping#isLobLike}), which OceanBase would reject, with a warning. */
    static void dropLobDefault(ColumnDef t, MappingContext ctx, String what) {
        ctx.warn(what + ": default " + t.defaultValue + " dropped: OceanBase does not allow defaults on BLOB, TEXT, JSON "
                + "or GEOMETRY columns");
        t.defaultKind = t.nullable ? ColumnDef.DefaultKind.NULL : ColumnDef.DefaultKind.NONE;
        t.defaultValue = null;
    }

    @Override
    public String expression(String sourceExpression) {
        return sourceExpression;
    }

    @Override
    public TranslatedView viewDefinition(String sourceDatabase, String definition, Map<ObjectName, ObjectName> renames,
            Map<ObjectName, io.obkc.schema.model.TableDef> sourceTables) {
        if (ViewSqlTranslator.parses(definition, ViewSqlTranslator.Dialect.MYSQL)) {
            return new ViewSqlTranslator(ViewSqlTranslator.Dialect.MYSQL, sourceDatabase, renames, Map.of()).translate(definition);
        }
        // MySQL dialect the parser does not know: the definition is MySQL already, so only the names are replaced.
        String out = definition;
        // Fully qualified table references first, then bare database qualifiers of whole-database renames.
        for (Map.Entry<ObjectName, ObjectName> e : renames.entrySet()) {
            ObjectName s = e.getKey();
            ObjectName d = e.getValue();
            if (!s.equals(d)) {
                out = out.replace(Identifiers.quoteMysql(s.database(), s.table()), Identifiers.quoteMysql(d.database(), d.table()));
            }
        }
        String dbRename = null;
        for (Map.Entry<ObjectName, ObjectName> e : renames.entrySet()) {
            if (e.getKey().database().equals(sourceDatabase) && !e.getValue().database().equals(sourceDatabase)) {
                dbRename = e.getValue().database();
            }
        }
        if (dbRename != null) {
            out = out.replace(Identifiers.quoteMysql(sourceDatabase) + ".", Identifiers.quoteMysql(dbRename) + ".");
        }
        return new TranslatedView(out, List.of());
    }
}
