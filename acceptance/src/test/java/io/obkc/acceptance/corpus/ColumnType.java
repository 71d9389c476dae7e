package io.obkc.acceptance.corpus;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The type of a corpus column, independent of the engine: how it is declared on MariaDB and on PostgreSQL, how a
 * value is bound when loading, and how a value read back by JDBC is written as canonical text for the row comparison.
 * Values in memory: {@link Long}, {@link BigDecimal}, {@link Double}, {@link String}, {@link LocalDate},
 * {@link LocalDateTime} (a wall-clock time) or {@link Instant} (a point in time).
 */
public record ColumnType(Kind kind, int length, int scale) {

    public enum Kind {
        INT, BIGINT, DECIMAL, DOUBLE, VARCHAR, DATE, DATETIME, INSTANT
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, 0, 0);
    }

    public static ColumnType varchar(int length) {
        return new ColumnType(Kind.VARCHAR, length, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    public String mariadbDdl() {
        return switch (kind) {
            case INT -> "INT";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + length + "," + scale + ")";
            case DOUBLE -> "DOUBLE";
            case VARCHAR -> "VARCHAR(" + length + ")";
            case DATE -> "DATE";
            case DATETIME -> "DATETIME";
            // MariaDB has no zoned type; the instant is kept as its UTC wall-clock time (the session runs in UTC).
            case INSTANT -> "DATETIME";
        };
    }

    public String postgresDdl() {
        return switch (kind) {
            case INT -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DECIMAL -> "NUMERIC(" + length + "," + scale + ")";
            case DOUBLE -> "DOUBLE PRECISION";
            case VARCHAR -> "VARCHAR(" + length + ")";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case INSTANT -> "TIMESTAMPTZ";
        };
    }

    public boolean isNumeric() {
        return kind == Kind.INT || kind == Kind.BIGINT || kind == Kind.DECIMAL || kind == Kind.DOUBLE;
    }

    /** Binds a corpus value; {@code postgres} says which engine the statement runs on. */
    public void bind(PreparedStatement ps, int index, Object value, boolean postgres) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType());
            return;
        }
        switch (kind) {
            case INT, BIGINT -> ps.setLong(index, (Long) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case DOUBLE -> ps.setDouble(index, (Double) value);
            case VARCHAR -> ps.setString(index, (String) value);
            case DATE -> ps.setObject(index, value);
            case DATETIME -> ps.setObject(index, value);
            case INSTANT -> {
                Instant i = (Instant) value;
                if (postgres) {
                    ps.setObject(index, i.atOffset(ZoneOffset.UTC));
                } else {
                    ps.setObject(index, LocalDateTime.ofInstant(i, ZoneOffset.UTC));
                }
            }
        }
    }

    private int sqlType() {
        return switch (kind) {
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case DOUBLE -> Types.DOUBLE;
            case VARCHAR -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case DATETIME -> Types.TIMESTAMP;
            case INSTANT -> Types.TIMESTAMP_WITH_TIMEZONE;
        };
    }

    /** Reads a value back as a corpus value (used to copy rows in the streaming script). */
    public Object read(ResultSet rs, int index, boolean postgres) throws SQLException {
        Object v = switch (kind) {
            case INT, BIGINT -> rs.getLong(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case DOUBLE -> rs.getDouble(index);
            case VARCHAR -> rs.getString(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case DATETIME -> rs.getObject(index, LocalDateTime.class);
            case INSTANT -> {
                if (postgres) {
                    OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                    yield t == null ? null : t.toInstant();
                }
                LocalDateTime t = rs.getObject(index, LocalDateTime.class);
                yield t == null ? null : t.toInstant(ZoneOffset.UTC);
            }
        };
        return rs.wasNull() ? null : v;
    }

    /**
     * Canonical text of a value read back by JDBC, the same for the source and the OceanBase target when the value
     * arrived identical: integers and decimals as plain numbers without trailing zeros (the target may declare a
     * larger scale), doubles in Java's shortest round-trip form, times as ISO wall-clock text in UTC. NULL is null.
     */
    public String canonical(ResultSet rs, int index, boolean postgres) throws SQLException {
        Object v = read(rs, index, postgres);
        if (v == null) {
            return null;
        }
        return switch (kind) {
            case DECIMAL -> {
                BigDecimal d = ((BigDecimal) v).stripTrailingZeros();
                yield d.signum() == 0 ? "0" : d.toPlainString();
            }
            case INSTANT -> LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC).toString();
            default -> v.toString();
        };
    }
}
