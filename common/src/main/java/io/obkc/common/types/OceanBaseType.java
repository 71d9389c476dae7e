package io.obkc.common.types;

/**
 * An OceanBase MySQL-mode column type produced by {@link MysqlTypeMapping}.
 *
 * @param sql      the type text for a column definition, lower case like {@code SHOW CREATE TABLE}:
 *                 {@code int(10) unsigned}, {@code varchar(40)}, {@code enum('a','it''s')}
 * @param baseType the type name alone, lower case ({@code int}, {@code varchar}, {@code enum})
 * @param length   character/byte length of CHAR/VARCHAR/BINARY/VARBINARY, bit count of BIT, otherwise null
 * @param fsp      fractional seconds digits of TIME/DATETIME/TIMESTAMP (0 when none), otherwise null
 * @param note     what changed that a user should know (MariaDB-only type stored as text, 512 MB LOB limit), or null
 */
public record OceanBaseType(String sql, String baseType, Integer length, Integer fsp, String note) {

    /** No DEFAULT allowed: TEXT, BLOB, JSON and spatial columns. */
    public boolean isLobLike() {
        return MysqlTypeMapping.isLobLike(baseType);
    }

    /** Has a character set: CHAR, VARCHAR, the TEXT family, ENUM and SET. */
    public boolean isCharacter() {
        return MysqlTypeMapping.isCharacter(baseType);
    }

    @Override
    public String toString() {
        return sql;
    }
}
