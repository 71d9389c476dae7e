package io.obkc.verifier.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TableInfo;
import io.obkc.verifier.model.TypeCategory;

/** PostgreSQL; an {@link ObjectName}'s database is the schema (the database is part of the connection). */
public class PostgresDialect implements VerifierDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + (database == null || database.isEmpty() ? "postgres" : database)
                + "?connectTimeout=10&ApplicationName=obkc-verifier";
    }

    @Override
    public void initSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            s.execute("SET client_encoding = 'UTF8'");
            s.execute("SET extra_float_digits = 1");
        }
    }

    @Override
    public String quoteIdent(String identifier) {
        return Identifiers.quotePostgres(identifier);
    }

    @Override
    public List<ObjectName> listTables(Connection c) throws SQLException {
        List<ObjectName> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'"
                        + " ORDER BY 1, 2")) {
            while (rs.next()) {
                out.add(new ObjectName(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    @Override
    public Optional<TableInfo> describe(Connection c, ObjectName table) throws SQLException {
        String schema = null;
        String name = null;
        long oid = 0;
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, cl.relname, cl.oid, GREATEST(cl.reltuples, 0)::bigint"
                + " FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace"
                + " WHERE lower(n.nspname) = lower(?) AND lower(cl.relname) = lower(?) AND cl.relkind IN ('r', 'p')")) {
            ps.setString(1, table.database());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean exact = rs.getString(1).equals(table.database()) && rs.getString(2).equals(table.table());
                    if (schema == null || exact) {
                        schema = rs.getString(1);
                        name = rs.getString(2);
                        oid = rs.getLong(3);
                        rows = rs.getLong(4);
                    }
                }
            }
        }
        if (schema == null) {
            return Optional.empty();
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, udt_name, datetime_precision,"
                + " numeric_scale, is_nullable, collation_name, is_generated FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2);
                    TypeCategory cat = category(dataType);
                    int frac = cat == TypeCategory.TIME || cat == TypeCategory.DATETIME
                            ? (rs.getObject(4) == null ? 6 : rs.getInt(4)) : -1;
                    int scale = rs.getObject(5) == null ? -1 : rs.getInt(5);
                    columns.add(new ColumnInfo(rs.getString(1), dataType, rs.getString(3), cat, frac, scale,
                            "YES".equals(rs.getString(6)), rs.getString(7), "ALWAYS".equals(rs.getString(8))));
                }
            }
        }
        Map<String, List<String>> unique = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN i.indisprimary THEN 'PRIMARY' ELSE ic.relname END,"
                + " a.attname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) ON true"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                + " ORDER BY i.indisprimary DESC, ic.relname, k.ord")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unique.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return Optional.of(KeyChooser.build(new ObjectName(schema, name), columns, unique, "PRIMARY", rows));
    }

    static TypeCategory category(String dataType) {
        return switch (dataType) {
            case "smallint", "integer", "bigint" -> TypeCategory.INTEGER;
            // money arrives in the sink as its decimal amount (DECIMAL(19,2), docs/type-mapping.md)
            case "numeric", "money" -> TypeCategory.DECIMAL;
            // arrays are stored as JSON arrays on the target: compared as JSON by value
            case "ARRAY" -> TypeCategory.JSON;
            case "bit" -> TypeCategory.BIT;
            case "real" -> TypeCategory.FLOAT;
            case "double precision" -> TypeCategory.DOUBLE;
            case "boolean" -> TypeCategory.BOOLEAN;
            case "character varying", "character", "text", "uuid", "citext", "USER-DEFINED", "name" -> TypeCategory.STRING;
            case "bytea" -> TypeCategory.BINARY;
            case "date" -> TypeCategory.DATE;
            case "time without time zone" -> TypeCategory.TIME;
            case "timestamp without time zone", "timestamp with time zone" -> TypeCategory.DATETIME;
            case "json", "jsonb" -> TypeCategory.JSON;
            default -> TypeCategory.OTHER;
        };
    }

    @Override
    public String canonical(ColumnInfo column, ColumnInfo peer) {
        String x = quoteIdent(column.name());
        return switch (column.category()) {
            case INTEGER -> x + "::text";
            case BIT -> x + "::bigint::text";
            case DECIMAL -> "money".equals(column.dataType()) ? "trim_scale(" + x + "::numeric)::text"
                    : "trim_scale(" + x + ")::text";
            case FLOAT, DOUBLE -> floatText(x);
            case BOOLEAN -> x + "::int::text";
            case STRING, SPATIAL -> x + "::text";
            case OTHER -> otherText(column, x);
            case BINARY -> "upper(encode(" + x + ", 'hex'))";
            case DATE -> "to_char(" + x + ", 'YYYY-MM-DD')";
            case TIME -> fraction("to_char(" + x + ", 'HH24:MI:SS.US')", Canon.fraction(column, peer));
            case DATETIME -> fraction("to_char(" + x + ", 'YYYY-MM-DD HH24:MI:SS.US')", Canon.fraction(column, peer));
            case JSON -> "ARRAY".equals(column.dataType()) ? "to_jsonb(" + x + ")::text" : x + "::jsonb::text";
        };
    }

    /**
     * Other types as the text the sink receives: PostgreSQL's output function. That is {@code ::text} for all but
     * inet, whose cast to text always adds the netmask ({@code 10.1.2.3/32}) while its output leaves a host's out;
     * {@code abbrev(inet)} is the output form.
     */
    private static String otherText(ColumnInfo column, String x) {
        return "inet".equals(column.dataType()) ? "abbrev(" + x + ")" : x + "::text";
    }

    /**
     * A double (or a real, widened exactly) as the text MySQL, MariaDB and OceanBase print for {@code CAST(d AS
     * CHAR)}: the shortest digits that read back to the same double (PostgreSQL's own output with
     * extra_float_digits &gt; 0), laid out by MySQL's rule. With the decimal point after {@code e} digits
     * ({@code 0.d1d2... x 10^e}): plain notation when {@code -14 <= e} and ({@code e <= 15} or there are more digits
     * than {@code e}), else {@code d1[.d2...]e<e-1>}. So {@code 1e15}, {@code 5e-324}, {@code 1.2345678901234568e20},
     * {@code 0.0000001} and {@code 12345.678}. Exact: no tolerance; 0 and -0 are {@code 0}. NaN and infinities keep
     * PostgreSQL's spelling (no MySQL-family column can hold them).
     */
    static String floatText(String x) {
        String p = "trim_scale(abs(" + x + "::float8)::text::numeric)::text";
        String digits = "CASE WHEN p LIKE '0.%' THEN ltrim(substr(p, 3), '0') ELSE rtrim(replace(p, '.', ''), '0') END";
        String point = "CASE WHEN p LIKE '0.%' THEN length(ltrim(substr(p, 3), '0')) - length(substr(p, 3))"
                + " ELSE length(split_part(p, '.', 1)) END";
        return "CASE WHEN " + x + " = 0 THEN '0' WHEN " + x + " IN ('NaN', 'Infinity', '-Infinity') THEN " + x + "::text ELSE"
                + " (SELECT CASE WHEN e >= -14 AND (e <= 15 OR length(g) > e) THEN s || p"
                + " ELSE s || left(g, 1) || CASE WHEN length(g) > 1 THEN '.' || substr(g, 2) ELSE '' END || 'e' || (e - 1)::text END"
                + " FROM (SELECT s, p, " + digits + " AS g, " + point + " AS e"
                + " FROM (SELECT CASE WHEN " + x + " < 0 THEN '-' ELSE '' END AS s, " + p + " AS p) v) w) END";
    }

    private static String fraction(String formatted, int digits) {
        if (digits >= 6) {
            return formatted;
        }
        return "(split_part(" + formatted + ", '.', 1) || '.' || rpad(left(split_part(" + formatted + ", '.', 2), "
                + digits + "), 6, '0'))";
    }

    @Override
    public String rowHash(List<ColumnInfo> columns, List<ColumnInfo> peers, List<String> canonicalExpressions, RowHash kind) {
        if (kind != RowHash.MD5) {
            throw new UnsupportedOperationException("PostgreSQL has no CRC32(); the row hash with PostgreSQL is MD5");
        }
        List<String> parts = Canon.rowTextElements(columns, canonicalExpressions, "replace");
        String text = String.join(" || '" + Canon.SEPARATOR + "' || ", parts);
        return "('x' || substr(md5(" + text + "), 1, 15))::bit(60)::bigint";
    }

    @Override
    public String keyOrder(ColumnInfo column, boolean binaryStrings) {
        String x = quoteIdent(column.name());
        if (binaryStrings && column.category() == TypeCategory.STRING) {
            return "(" + x + "::text COLLATE \"C\")";
        }
        if (binaryStrings && column.category() == TypeCategory.OTHER) {
            // inet, macaddr, ... are text on the target: order both sides by that text, bytewise
            return "(" + otherText(column, x) + " COLLATE \"C\")";
        }
        return x;
    }

    @Override
    public String keyParam(ColumnInfo column, boolean binaryStrings) {
        return switch (column.category()) {
            case STRING -> binaryStrings ? "(CAST(? AS text) COLLATE \"C\")" : "CAST(? AS text)";
            case OTHER -> binaryStrings ? "(CAST(? AS text) COLLATE \"C\")" : "CAST(? AS " + column.columnType() + ")";
            case INTEGER -> "CAST(? AS bigint)";
            case DECIMAL -> "money".equals(column.dataType()) ? "CAST(CAST(? AS numeric) AS money)" : "CAST(? AS numeric)";
            case FLOAT, DOUBLE -> "CAST(? AS double precision)";
            case BOOLEAN -> "CAST(CAST(? AS int) AS boolean)";
            case DATE -> "CAST(? AS date)";
            case TIME -> "CAST(? AS time)";
            case DATETIME -> column.dataType().contains("with time zone") ? "CAST(? AS timestamptz)" : "CAST(? AS timestamp)";
            case BINARY -> "?";
            default -> "CAST(? AS " + column.columnType() + ")";
        };
    }

    @Override
    public void bindKey(PreparedStatement ps, int index, ColumnInfo column, String canonical) throws SQLException {
        if (column.category() == TypeCategory.BINARY) {
            ps.setBytes(index, HexFormat.of().parseHex(canonical));
        } else {
            ps.setString(index, canonical);
        }
    }

    @Override
    public String literal(ColumnInfo target, ColumnInfo source, RowValue v) {
        if (v == null || v.isNull()) {
            return "NULL";
        }
        return switch (target.category()) {
            case INTEGER, DECIMAL, FLOAT, DOUBLE -> {
                String t = Canon.text(source, v);
                yield Canon.isNumber(t) ? t : quote(t);
            }
            case BOOLEAN -> "0".equals(v.canonical()) ? "FALSE" : "TRUE";
            case BINARY -> "'\\x" + HexFormat.of().formatHex(Canon.bytes(source, v.canonical())) + "'::bytea";
            default -> quote(Canon.text(source, v));
        };
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public String equalsLiteral(ColumnInfo column, String literal) {
        String x = quoteIdent(column.name());
        if ("NULL".equals(literal)) {
            return x + " IS NULL";
        }
        if (column.category() == TypeCategory.STRING) {
            return "(" + x + " = " + literal + " AND " + x + "::text COLLATE \"C\" = " + literal + ")";
        }
        return x + " = " + literal;
    }

    @Override
    public List<String> scriptPreamble() {
        return List.of("SET TIME ZONE 'UTC'");
    }

    @Override
    public String deleteOne(ObjectName table, String predicate) {
        return "DELETE FROM " + qualified(table) + " WHERE ctid = (SELECT ctid FROM " + qualified(table) + " WHERE "
                + predicate + " LIMIT 1)";
    }

    @Override
    public String currentTimestampCanonical(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
