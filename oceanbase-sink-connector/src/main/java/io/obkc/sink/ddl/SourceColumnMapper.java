package io.obkc.sink.ddl;

import java.util.List;

import io.obkc.common.sql.Identifiers;
import io.obkc.common.types.MysqlSourceType;
import io.obkc.common.types.MysqlTypeMapping;
import io.obkc.common.types.OceanBaseType;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.sink.ddl.SchemaChange.SourceColumn;

/**
 * OceanBase MySQL-mode column definitions for columns described by Debezium's {@code tableChanges}
 * (MySQL/MariaDB source terms). The type mapping, which types take no DEFAULT and how defaults are
 * written are {@link MysqlTypeMapping} (common module), the same code the schema migration tool uses, so a
 * table created by DDL sync looks like one the tool created (docs/type-mapping.md). This class only reads
 * Debezium's column description into it and writes the rest of the column definition.
 */
public final class SourceColumnMapper {

    private SourceColumnMapper() {
    }

    /**
     * Thrown for a statement the sink cannot convert; the statement then falls under ddl.unsupported.policy.
     * Unsupported column types come as {@link UnsupportedSourceTypeException}.
     */
    public static final class UnsupportedColumnException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedColumnException(String message) {
            super(message);
        }
    }

    /**
     * {@code `name` type [NOT] NULL [DEFAULT ...] [AUTO_INCREMENT] [COMMENT '...']}.
     *
     * @throws UnsupportedSourceTypeException for a type OceanBase has no counterpart for
     */
    public static String columnDefinition(SourceColumn c, boolean primaryKey) {
        return columnDefinition(c, primaryKey, null);
    }

    /**
     * @param clock the column's {@code DEFAULT}/{@code ON UPDATE CURRENT_TIMESTAMP} as the statement text has them (tableChanges
     *              has a stand-in default and no ON UPDATE), or null
     */
    public static String columnDefinition(SourceColumn c, boolean primaryKey, CurrentTimestampClauses clock) {
        OceanBaseType type = map(c);
        StringBuilder sb = new StringBuilder(Identifiers.quoteMysql(c.name())).append(' ').append(type.sql());
        boolean notNull = primaryKey || !c.optional() || c.autoIncremented();
        sb.append(notNull ? " NOT NULL" : " NULL");
        boolean temporal = type.baseType().equals("datetime") || type.baseType().equals("timestamp");
        String dflt = temporal && clock != null && clock.defaultExpression() != null
                ? MysqlTypeMapping.normalizeCurrentTimestamp(clock.defaultExpression(), type.fsp())
                : defaultClause(c, type);
        if (dflt != null && !c.autoIncremented()) {
            sb.append(" DEFAULT ").append(dflt);
        }
        if (temporal && clock != null && clock.onUpdate() != null) {
            sb.append(" ON UPDATE ").append(MysqlTypeMapping.normalizeCurrentTimestamp(clock.onUpdate(), type.fsp()));
        }
        if (c.autoIncremented()) {
            sb.append(" AUTO_INCREMENT");
        }
        if (c.comment() != null && !c.comment().isEmpty()) {
            sb.append(" COMMENT ").append(Identifiers.quoteMysqlString(literalText(c.comment())));
        }
        return sb.toString();
    }

    /** The OceanBase type text of a source column, e.g. {@code varchar(50)}, {@code int unsigned}, {@code enum('a','b')}. */
    public static String targetType(SourceColumn c) {
        return map(c).sql();
    }

    static OceanBaseType map(SourceColumn c) {
        return MysqlTypeMapping.map(sourceType(c));
    }

    /**
     * Debezium's column as the shared mapping's input: {@code typeName} carries UNSIGNED/ZEROFILL
     * ({@code INT UNSIGNED}), {@code length}/{@code scale} are the type's (M,D) (-1 when absent), and
     * ENUM/SET labels come quoted as in the DDL ({@code 'it''s'}).
     */
    static MysqlSourceType sourceType(SourceColumn c) {
        List<String> labels = c.enumValues().stream().map(SourceColumnMapper::unquoteLabel).toList();
        return new MysqlSourceType(c.name(), c.typeName(), c.length(), c.scale(), false, false, labels);
    }

    /** A label as Debezium lists it, quoted as in the DDL ({@code 'c\\'d'}, {@code 'a''b'}), as the label text itself. */
    private static String unquoteLabel(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return SqlLexer.unescapeStringBody(v.substring(1, v.length() - 1));
        }
        return v;
    }

    /**
     * The text of a string literal whose quotes Debezium stripped but whose escapes it kept (column comments and
     * literal defaults: {@code DEFAULT '\\\\'} arrives as two backslashes and stands for one).
     */
    static String literalText(String body) {
        return SqlLexer.unescapeStringBody(body);
    }

    /**
     * The DEFAULT clause value, or null for none. Debezium gives the default as text without saying whether
     * it is a literal: {@code NULL}, {@code CURRENT_TIMESTAMP} spellings and {@code b'..'}/{@code x'..'} are
     * expressions, anything else is a literal (quoted or not).
     */
    static String defaultClause(SourceColumn c, OceanBaseType type) {
        String d = c.defaultValueExpression();
        if (d == null || type.isLobLike()) {
            return null;
        }
        String v = d.trim();
        if (v.equalsIgnoreCase("NULL")) {
            return c.optional() ? "NULL" : null;
        }
        if (MysqlTypeMapping.isCurrentTimestamp(v) || MysqlTypeMapping.isBitOrHexLiteral(v)) {
            return MysqlTypeMapping.expressionDefault(v, type);
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
        }
        // Not trimmed: a default of ' ' is a space.
        return MysqlTypeMapping.literalDefault(literalText(v.equals(d.trim()) ? d : v), type.baseType());
    }
}
