package io.obkc.common.sql;

import java.util.Objects;

/**
 * Quoting of SQL identifiers. Every identifier the bundle puts into SQL goes through here, so that
 * names with spaces, quotes, reserved words or emoji are always safe.
 */
public final class Identifiers {
    /** OceanBase MySQL mode and MySQL both cap table and column names at 64 characters. */
    public static final int MYSQL_MAX_IDENTIFIER_LENGTH = 64;
    public static final int POSTGRES_MAX_IDENTIFIER_LENGTH = 63;

    private Identifiers() {
    }

    /** MySQL/MariaDB/OceanBase: {@code `name`}, with embedded backticks doubled. */
    public static String quoteMysql(String name) {
        requireValid(name);
        return '`' + name.replace("`", "``") + '`';
    }

    /** {@code `db`.`table`}; a null or empty database gives just the quoted table. */
    public static String quoteMysql(String database, String table) {
        return database == null || database.isEmpty() ? quoteMysql(table) : quoteMysql(database) + '.' + quoteMysql(table);
    }

    /** PostgreSQL: {@code "name"}, with embedded double quotes doubled. */
    public static String quotePostgres(String name) {
        requireValid(name);
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String quotePostgres(String schema, String table) {
        return schema == null || schema.isEmpty() ? quotePostgres(table) : quotePostgres(schema) + '.' + quotePostgres(table);
    }

    /** SQL string literal with single quotes and backslashes escaped (MySQL-compatible). */
    public static String quoteMysqlString(String value) {
        Objects.requireNonNull(value, "value");
        return '\'' + value.replace("\\", "\\\\").replace("'", "''") + '\'';
    }

    private static void requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("SQL identifier must not be null or empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SQL identifier must not contain a NUL character: " + name.replace('\0', '?'));
        }
    }
}
