package io.obkc.verifier.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TableInfo;
import io.obkc.verifier.model.TypeCategory;

/** MySQL and MariaDB (MariaDB's JSON is LONGTEXT and so compares as text; see docs/verifier.md). */
public class MySqlDialect implements VerifierDialect {
    private static final Pattern SPATIAL_CANONICAL = Pattern.compile("(\\d+):([0-9A-F]*)");
    private static final String SYSTEM_SCHEMAS = "'mysql','information_schema','performance_schema','sys'";
    private final boolean mariadb;

    public MySqlDialect(boolean mariadb) {
        this.mariadb = mariadb;
    }

    @Override
    public String name() {
        return mariadb ? "mariadb" : "mysql";
    }

    protected String systemSchemas() {
        return SYSTEM_SCHEMAS;
    }

    @Override
    public String jdbcUrl(String host, int port, String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + (database == null ? "" : database)
                + "?useSSL=false&allowPublicKeyRetrieval=true&useUnicode=true&characterEncoding=UTF-8"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&zeroDateTimeBehavior=CONVERT_TO_NULL"
                + "&connectTimeout=10000&tinyInt1isBit=false&yearIsDateType=false&useCursorFetch=false";
    }

    @Override
    public void initSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("SET NAMES utf8mb4");
        }
    }

    @Override
    public String quoteIdent(String identifier) {
        return Identifiers.quoteMysql(identifier);
    }

    @Override
    public List<ObjectName> listTables(Connection c) throws SQLException {
        List<ObjectName> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                        + " AND TABLE_SCHEMA NOT IN (" + systemSchemas() + ") ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            while (rs.next()) {
                out.add(new ObjectName(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    @Override
    public Optional<TableInfo> describe(Connection c, ObjectName table) throws SQLException {
        String db = null;
        String name = null;
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE LOWER(TABLE_SCHEMA) = LOWER(?) AND LOWER(TABLE_NAME) = LOWER(?) AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, table.database());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean exact = rs.getString(1).equals(table.database()) && rs.getString(2).equals(table.table());
                    if (db == null || exact) {
                        db = rs.getString(1);
                        name = rs.getString(2);
                        rows = rs.getLong(3);
                    }
                }
            }
        }
        if (db == null) {
            return Optional.empty();
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, DATETIME_PRECISION,"
                + " NUMERIC_SCALE, IS_NULLABLE, COLLATION_NAME, EXTRA FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, db);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
                    String columnType = rs.getString(3).toLowerCase(Locale.ROOT);
                    TypeCategory cat = category(dataType);
                    int frac = cat.isTemporal() && cat != TypeCategory.DATE ? rs.getInt(4) : -1;
                    int scale = rs.getObject(5) == null ? -1 : rs.getInt(5);
                    String extra = rs.getString(8) == null ? "" : rs.getString(8).toUpperCase(Locale.ROOT);
                    boolean generated = extra.contains("VIRTUAL GENERATED") || extra.contains("STORED GENERATED")
                            || extra.equals("VIRTUAL") || extra.equals("PERSISTENT");
                    columns.add(new ColumnInfo(rs.getString(1), dataType, columnType, cat, frac, scale,
                            "YES".equals(rs.getString(6)), rs.getString(7), generated));
                }
            }
        }
        Map<String, List<String>> uniqueIndexes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
                + " ORDER BY CASE WHEN INDEX_NAME = 'PRIMARY' THEN 0 ELSE 1 END, INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, db);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uniqueIndexes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return Optional.of(KeyChooser.build(new ObjectName(db, name), columns, uniqueIndexes, "PRIMARY", rows));
    }

    static TypeCategory category(String dataType) {
        return switch (dataType) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year" -> TypeCategory.INTEGER;
            case "decimal", "numeric" -> TypeCategory.DECIMAL;
            case "float" -> TypeCategory.FLOAT;
            case "double", "real", "double precision" -> TypeCategory.DOUBLE;
            case "bit" -> TypeCategory.BIT;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> TypeCategory.STRING;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> TypeCategory.BINARY;
            case "date" -> TypeCategory.DATE;
            case "time" -> TypeCategory.TIME;
            case "datetime", "timestamp" -> TypeCategory.DATETIME;
            case "json" -> TypeCategory.JSON;
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                    "geometrycollection", "geomcollection" -> TypeCategory.SPATIAL;
            default -> TypeCategory.OTHER;
        };
    }

    @Override
    public String canonical(ColumnInfo column, ColumnInfo peer) {
        String x = quoteIdent(column.name());
        return switch (column.category()) {
            case INTEGER -> "CAST(" + x + " AS CHAR)";
            case BIT -> "CAST(" + x + " + 0 AS CHAR)";
            case DECIMAL -> decimal("CAST(" + x + " AS CHAR)", column.scale());
            // The exact value as the shortest text that reads back to the same double (MySQL, MariaDB and
            // OceanBase print it alike; see Canon.FLOAT_TEXT_RULE). FLOAT is widened to DOUBLE first (exact), as the
            // plain cast prints only 6 digits. -0 is 0: MariaDB cannot store -0.
            case FLOAT -> "CASE WHEN " + x + " = 0 THEN '0' ELSE CAST(" + x + " + 0e0 AS CHAR) END";
            case DOUBLE -> "CASE WHEN " + x + " = 0 THEN '0' ELSE CAST(" + x + " AS CHAR) END";
            case BOOLEAN -> "CAST(" + x + " <> 0 AS CHAR)";
            case STRING, OTHER -> "CONVERT(" + x + " USING utf8mb4)";
            case BINARY -> "HEX(" + x + ")";
            case DATE -> "DATE_FORMAT(" + x + ", '%Y-%m-%d')";
            case TIME -> fraction("TIME_FORMAT(" + x + ", '%H:%i:%s.%f')", Canon.fraction(column, peer));
            // With 6 fractional digits the cast prints the same text as DATE_FORMAT, and costs less.
            case DATETIME -> column.fractionalDigits() == 6 && Canon.fraction(column, peer) == 6 ? "CAST(" + x + " AS CHAR)"
                    : fraction("DATE_FORMAT(" + x + ", '%Y-%m-%d %H:%i:%s.%f')", Canon.fraction(column, peer));
            case JSON -> json(x);
            // CONVERT(geometry USING utf8mb4) is NULL on OceanBase; SRID and WKB are what the value is.
            case SPATIAL -> "CONCAT(ST_SRID(" + x + "), ':', HEX(ST_AsWKB(" + x + ")))";
        };
    }

    /** MySQL and OceanBase print JSON normalized (sorted keys, ", " and ": "), like PostgreSQL's jsonb. */
    protected String json(String x) {
        return "CAST(" + x + " AS CHAR)";
    }

    /**
     * DECIMAL text without trailing fractional zeros. With a known scale the presence of the dot is known, so the
     * cast is evaluated once instead of three times (it dominates the checksum's cost on wide-decimal tables).
     */
    static String decimal(String e, int scale) {
        if (scale == 0) {
            return e;
        }
        if (scale > 0) {
            return "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + e + "))";
        }
        return trimZeros(e);
    }

    private static String trimZeros(String e) {
        return "IF(LOCATE('.', " + e + ") > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + e + ")), " + e + ")";
    }

    private static String fraction(String formatted, int digits) {
        if (digits >= 6) {
            return formatted;
        }
        return "CONCAT(SUBSTRING_INDEX(" + formatted + ", '.', 1), '.', RPAD(LEFT(SUBSTRING_INDEX(" + formatted
                + ", '.', -1), " + digits + "), 6, '0'))";
    }

    /**
     * The canonical expression as the row hash uses it. Inside CONCAT, MySQL and OceanBase convert integers and
     * DATETIME(6)/TIMESTAMP(6) values to exactly the text of {@code CAST(c AS CHAR)}, and a utf8mb4 column needs no
     * CONVERT to utf8mb4, so the hash leaves those function calls out (they were a tenth of the checksum's time).
     * Row fetches keep the full canonical expressions: drivers may format raw temporal values differently.
     */
    String hashExpression(ColumnInfo column, String canonical) {
        String x = quoteIdent(column.name());
        if ((column.category() == TypeCategory.INTEGER || column.category() == TypeCategory.DATETIME) && canonical.equals("CAST(" + x + " AS CHAR)")) {
            return x;
        }
        if (column.category() == TypeCategory.STRING && column.collation() != null
                && column.collation().toLowerCase(Locale.ROOT).startsWith("utf8mb4") && canonical.equals("CONVERT(" + x + " USING utf8mb4)")) {
            return x;
        }
        return canonical;
    }

    @Override
    public boolean supports(RowHash kind) {
        return true;
    }

    @Override
    public String rowHash(List<ColumnInfo> columns, List<ColumnInfo> peers, List<String> canonicalExpressions, RowHash kind) {
        List<String> hashed = new ArrayList<>(canonicalExpressions.size());
        for (int i = 0; i < canonicalExpressions.size(); i++) {
            hashed.add(hashExpression(columns.get(i), canonicalExpressions.get(i)));
        }
        if (kind == RowHash.CRC32) {
            return crc32(columns, peers, hashed);
        }
        List<String> parts = Canon.rowTextElements(columns, hashed, "REPLACE");
        String text = String.join(", '" + Canon.SEPARATOR + "', ", parts);
        return "CAST(CONV(SUBSTRING(MD5(CONCAT(" + text + ")), 1, 15), 16, 10) AS UNSIGNED)";
    }

    /**
     * {@code CRC32(CONCAT_WS('|', flags, lengths..., values...))}, the text of {@link Canon#crcHashText}. CONCAT_WS
     * skips NULLs, so NULL values and their lengths need no COALESCE; the flags element says which are NULL. The
     * flags are one CONCAT of ISNULLs: on MariaDB that costs a third of the same flags as separate elements.
     */
    private String crc32(List<ColumnInfo> columns, List<ColumnInfo> peers, List<String> hashed) {
        List<String> flags = new ArrayList<>();
        List<String> lengths = new ArrayList<>();
        hashed = new ArrayList<>(hashed);
        for (int i = 0; i < hashed.size(); i++) {
            ColumnInfo peer = peers == null ? null : peers.get(i);
            ColumnInfo c = columns.get(i);
            if (c.category() == TypeCategory.DECIMAL && peer != null && peer.category() == TypeCategory.DECIMAL
                    && c.scale() >= 0 && c.scale() == peer.scale()) {
                // Same scale on both MySQL-family sides: both print exactly that many fractional digits, so the
                // trailing-zero trim of the canonical text (a third of the checksum's cost on this column) is not
                // needed for the hash. Row fetches still use the canonical text.
                hashed.set(i, quoteIdent(c.name()));
            }
            if (Canon.crcNullFlag(columns.get(i), peer)) {
                flags.add("ISNULL(" + hashed.get(i) + ")");
            }
            if (Canon.crcLength(columns.get(i), peer)) {
                lengths.add("LENGTH(" + hashed.get(i) + ")");
            }
        }
        List<String> elements = new ArrayList<>();
        if (!flags.isEmpty()) {
            elements.add(flags.size() == 1 ? flags.get(0) : "CONCAT(" + String.join(", ", flags) + ")");
        }
        elements.addAll(lengths);
        elements.addAll(hashed);
        return "CRC32(CONCAT_WS('|', " + String.join(", ", elements) + "))";
    }

    @Override
    public String keyOrder(ColumnInfo column, boolean binaryStrings) {
        String x = quoteIdent(column.name());
        if (binaryStrings && column.category() == TypeCategory.STRING) {
            return "CAST(CONVERT(" + x + " USING utf8mb4) AS BINARY)";
        }
        return x;
    }

    @Override
    public String keyParam(ColumnInfo column, boolean binaryStrings) {
        return switch (column.category()) {
            case STRING -> binaryStrings ? "CAST(? AS BINARY)" : "?";
            case DATE -> "CAST(? AS DATE)";
            case TIME -> "CAST(? AS TIME(6))";
            case DATETIME -> "CAST(? AS DATETIME(6))";
            default -> "?";
        };
    }

    @Override
    public void bindKey(PreparedStatement ps, int index, ColumnInfo column, String canonical) throws SQLException {
        switch (column.category()) {
            case INTEGER, DECIMAL, BIT -> ps.setBigDecimal(index, new BigDecimal(canonical));
            case FLOAT, DOUBLE -> ps.setDouble(index, Double.parseDouble(canonical));
            case BINARY -> ps.setBytes(index, HexFormat.of().parseHex(canonical));
            default -> ps.setString(index, canonical);
        }
    }

    @Override
    public String literal(ColumnInfo target, ColumnInfo source, RowValue v) {
        if (v == null || v.isNull()) {
            return "NULL";
        }
        return switch (target.category()) {
            case INTEGER, DECIMAL, BIT, BOOLEAN, FLOAT, DOUBLE -> {
                String t = Canon.text(source, v);
                yield Canon.isNumber(t) ? t : Identifiers.quoteMysqlString(t);
            }
            case BINARY -> "X'" + HexFormat.of().withUpperCase().formatHex(Canon.bytes(source, v.canonical())) + "'";
            case SPATIAL -> spatialLiteral(target, v.canonical());
            // MariaDB's JSON is LONGTEXT (category STRING), so a JSON target is MySQL or OceanBase: a JSON literal.
            case JSON -> "CAST(" + Identifiers.quoteMysqlString(Canon.text(source, v)) + " AS JSON)";
            default -> Identifiers.quoteMysqlString(Canon.text(source, v));
        };
    }

    /** A geometry from its canonical {@code srid:HEXWKB} text, as a binary literal (never raw bytes in a string). */
    private String spatialLiteral(ColumnInfo target, String canonical) {
        Matcher m = SPATIAL_CANONICAL.matcher(canonical);
        if (!m.matches()) {
            throw new IllegalArgumentException("Column " + target.name() + " (" + target.columnType()
                    + "): cannot write '" + canonical + "' as a geometry; the source value is not SRID:WKB");
        }
        return "ST_GeomFromWKB(X'" + m.group(2) + "', " + m.group(1) + ")";
    }

    @Override
    public String equalsLiteral(ColumnInfo column, String literal) {
        String x = quoteIdent(column.name());
        if ("NULL".equals(literal)) {
            return x + " IS NULL";
        }
        if (column.category() == TypeCategory.STRING) {
            return "(" + x + " = " + literal + " AND CAST(CONVERT(" + x + " USING utf8mb4) AS BINARY) = CAST(" + literal
                    + " AS BINARY))";
        }
        if (column.category() == TypeCategory.SPATIAL) {
            return "(ST_SRID(" + x + ") = ST_SRID(" + literal + ") AND ST_AsWKB(" + x + ") = ST_AsWKB(" + literal + "))";
        }
        return x + " = " + literal;
    }

    @Override
    public List<String> scriptPreamble() {
        return List.of("SET time_zone = '+00:00'", "SET NAMES utf8mb4", SQL_MODE);
    }

    /**
     * The session's sql_mode plus NO_AUTO_VALUE_ON_ZERO (an INSERT of key 0 into an AUTO_INCREMENT column keeps 0
     * instead of drawing a new value) and minus NO_BACKSLASH_ESCAPES (the literals escape backslashes); every
     * other mode of the server is kept.
     */
    static final String SQL_MODE = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(REPLACE(REPLACE(@@SESSION.sql_mode,"
            + " 'NO_BACKSLASH_ESCAPES', ''), ',,', ','), ''), 'NO_AUTO_VALUE_ON_ZERO')";

    @Override
    public String deleteOne(ObjectName table, String predicate) {
        return "DELETE FROM " + qualified(table) + " WHERE " + predicate + " LIMIT 1";
    }

    @Override
    public String currentTimestampCanonical(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public long bytesSent(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Bytes_sent'")) {
            return rs.next() ? rs.getLong(2) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }
}
