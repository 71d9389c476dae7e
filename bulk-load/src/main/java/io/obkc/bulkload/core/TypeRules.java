package io.obkc.bulkload.core;

import java.util.Locale;
import java.util.Set;

import io.obkc.bulkload.core.Column.KeyBind;
import io.obkc.bulkload.core.Column.Transfer;
import io.obkc.bulkload.core.Column.ValueCheck;
import io.obkc.common.sql.Identifiers;

/**
 * Which source column types the bulk load copies, and how each value travels so that it arrives exactly (the same
 * target types the schema migration creates: common's MysqlTypeMapping and the PostgreSQL mapping of
 * obkc-schema-migrate). A type not listed here is refused with the reason; nothing is converted approximately.
 */
public final class TypeRules {
    /** A column the bulk load can copy, or the reason it cannot. */
    public record Decision(Column column, String refusal) {
        static Decision ok(Column c) {
            return new Decision(c, null);
        }

        static Decision refuse(String why) {
            return new Decision(null, why);
        }
    }

    private static final Set<String> MYSQL_INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final Set<String> MYSQL_TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum",
            "set", "json");
    private static final Set<String> MYSQL_BYTES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> MYSQL_TEMPORAL = Set.of("date", "datetime", "timestamp", "time", "year");

    private static final Set<String> PG_TEXT = Set.of("smallint", "integer", "bigint", "oid", "character varying", "character",
            "\"char\"", "char", "name", "text", "citext", "uuid", "inet", "cidr", "macaddr", "macaddr8", "xml", "json", "jsonb",
            "time without time zone");

    private TypeRules() {
    }

    /**
     * A MySQL/MariaDB column from information_schema.COLUMNS.
     *
     * @param dataType DATA_TYPE, e.g. {@code bigint}
     * @param columnType COLUMN_TYPE, e.g. {@code bigint(20) unsigned}
     */
    public static Decision mysql(String name, String dataType, String columnType) {
        String dt = dataType.toLowerCase(Locale.ROOT);
        String q = Identifiers.quoteMysql(name);
        String what = columnType == null ? dt : columnType;
        if (MYSQL_INTEGERS.contains(dt) || dt.equals("decimal") || dt.equals("numeric")) {
            // The text protocol's digits, bound as text: the target parses them exactly (also unsigned BIGINT).
            return Decision.ok(new Column(name, what, Transfer.TEXT, q, ValueCheck.NONE, null, KeyBind.NUMBER));
        }
        if (dt.equals("float")) {
            // Widened to DOUBLE exactly; CAST(... AS CHAR) of a double is the shortest text that reads back to it, and a
            // FLOAT column reads that double back to the same float.
            return Decision.ok(new Column(name, what, Transfer.TEXT, "(" + q + " + 0e0)", ValueCheck.NONE, null, KeyBind.DOUBLE));
        }
        if (dt.equals("double") || dt.equals("real") || dt.equals("double precision")) {
            return Decision.ok(new Column(name, what, Transfer.TEXT, q, ValueCheck.NONE, null, KeyBind.DOUBLE));
        }
        if (dt.equals("bit")) {
            return Decision.ok(new Column(name, what, Transfer.UNSIGNED_NUMBER, "(" + q + " + 0)", ValueCheck.NONE, null, KeyBind.NUMBER));
        }
        if (MYSQL_TEMPORAL.contains(dt)) {
            // The server's own text (YEAR as digits, not the driver's date; fractional seconds, zero dates, negative and >24 h TIMEs as they are), not the
            // driver's rendering of a decoded value; TIMESTAMP in the session's UTC on both sides.
            return Decision.ok(new Column(name, what, Transfer.TEXT, "CAST(" + q + " AS CHAR)", ValueCheck.NONE, null, KeyBind.TEXT));
        }
        if (MYSQL_TEXT.contains(dt)) {
            return Decision.ok(new Column(name, what, Transfer.TEXT, q, ValueCheck.NONE, null, KeyBind.TEXT));
        }
        if (MYSQL_BYTES.contains(dt)) {
            return Decision.ok(new Column(name, what, Transfer.BYTES, q, ValueCheck.NONE, null, KeyBind.BYTES));
        }
        return Decision.refuse("type " + what + " is not copied by the bulk load (spatial and other types go through "
                + "Debezium: full-load: debezium, or exclude the table)");
    }

    /**
     * A PostgreSQL column.
     *
     * @param dataType information_schema.columns.data_type (the base type of a domain), e.g. {@code character varying}
     * @param udtName  udt_name (for USER-DEFINED types, e.g. {@code citext})
     * @param enumType the type is an enum (pg_type.typtype = 'e')
     */
    public static Decision postgres(String name, String dataType, String udtName, boolean enumType) {
        String dt = dataType.toLowerCase(Locale.ROOT);
        String q = Identifiers.quotePostgres(name);
        if (dt.equals("user-defined")) {
            if (enumType || "citext".equals(udtName)) {
                return Decision.ok(new Column(name, udtName, Transfer.TEXT, q + "::text", ValueCheck.NONE, null, KeyBind.UNTYPED_TEXT));
            }
            return Decision.refuse("type " + udtName + " is not copied by the bulk load (full-load: debezium, or exclude the table)");
        }
        if (PG_TEXT.contains(dt)) {
            return Decision.ok(new Column(name, dt, Transfer.TEXT, q, ValueCheck.NONE, null, KeyBind.UNTYPED_TEXT));
        }
        return switch (dt) {
            case "numeric" -> Decision.ok(new Column(name, dt, Transfer.TEXT, q, ValueCheck.FINITE_NUMBER, null, KeyBind.UNTYPED_TEXT));
            // The schema migration's DECIMAL(19,2); money's text carries a currency format, its numeric cast does not.
            case "money" -> Decision.ok(new Column(name, dt, Transfer.TEXT, q + "::numeric", ValueCheck.NONE, null, KeyBind.UNTYPED_TEXT));
            // extra_float_digits = 1: the shortest text that reads back to the same value.
            case "real", "double precision" ->
                Decision.ok(new Column(name, dt, Transfer.TEXT, q, ValueCheck.FINITE_NUMBER, null, KeyBind.UNTYPED_TEXT));
            case "boolean" -> Decision.ok(new Column(name, dt, Transfer.BOOLEAN, q, ValueCheck.NONE, null, KeyBind.UNTYPED_TEXT));
            case "bytea" -> Decision.ok(new Column(name, dt, Transfer.BYTES, q, ValueCheck.NONE, null, KeyBind.UNTYPED_TEXT));
            case "date", "timestamp without time zone" ->
                Decision.ok(new Column(name, dt, Transfer.TEXT, q, ValueCheck.FINITE_DATE, null, KeyBind.UNTYPED_TEXT));
            // The schema migration's DATETIME in UTC (the session's TimeZone is UTC; the offset is not kept).
            case "timestamp with time zone" -> Decision.ok(new Column(name, dt, Transfer.TEXT, "(" + q + " AT TIME ZONE 'UTC')",
                    ValueCheck.FINITE_DATE, null, KeyBind.UNTYPED_TEXT));
            default -> Decision.refuse("type " + dt + " is not copied by the bulk load: its text form on the target is what "
                    + "Debezium produces (full-load: debezium, or exclude the table)");
        };
    }

    /**
     * A value that the target cannot hold exactly, with the reason, or null. {@code text} is not null.
     */
    public static String refusal(Column c, String text) {
        switch (c.check()) {
            case FINITE_NUMBER -> {
                if (text.equals("NaN") || text.endsWith("Infinity")) {
                    return text + " has no equivalent in OceanBase's " + c.sourceType() + " mapping";
                }
            }
            case FINITE_DATE -> {
                if (text.endsWith("infinity") || text.endsWith(" BC")) {
                    return "'" + text + "' has no equivalent in OceanBase's DATE/DATETIME";
                }
            }
            case NONE -> {
                // nothing to check
            }
        }
        if (c.maxScale() != null) {
            try {
                int scale = new java.math.BigDecimal(text).stripTrailingZeros().scale();
                if (scale > c.maxScale()) {
                    return text + " has " + scale + " fractional digits; the target column keeps " + c.maxScale()
                            + " (it would be rounded)";
                }
            } catch (NumberFormatException e) {
                return "'" + text + "' is not a number";
            }
        }
        return null;
    }
}
