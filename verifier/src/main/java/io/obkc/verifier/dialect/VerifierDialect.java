package io.obkc.verifier.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.obkc.common.rules.ObjectName;
import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TableInfo;

/**
 * Everything that differs between database engines, for the verifier. The verifier core builds its queries only
 * from these pieces, so a new engine is a new implementation and never an {@code if} in the core.
 *
 * <p>The central contract: {@link #canonical(ColumnInfo, ColumnInfo)} renders a value as a text that is identical on
 * every engine for equal data, and {@link #rowHash(List, List, List, RowHash)} turns the canonical texts of a row into the same
 * integer on both engines of a comparison. Sums of these hashes are the chunk checksums.
 */
public interface VerifierDialect {

    /** Short name: mysql, mariadb, oceanbase, postgresql. */
    String name();

    String jdbcUrl(String host, int port, String database);

    /** Session settings every connection gets: UTC time zone, UTF-8. */
    void initSession(Connection c) throws SQLException;

    String quoteIdent(String identifier);

    default String qualified(ObjectName n) {
        return quoteIdent(n.database()) + "." + quoteIdent(n.table());
    }

    /** All base tables outside the system schemas. */
    List<ObjectName> listTables(Connection c) throws SQLException;

    /** Columns, key and row estimate; empty when the table does not exist (names matched case-insensitively). */
    Optional<TableInfo> describe(Connection c, ObjectName table) throws SQLException;

    /**
     * SQL expression giving the canonical text of a column (NULL for SQL NULL).
     *
     * @param peer the same column on the other side, used to compare at the lower of the two precisions
     */
    String canonical(ColumnInfo column, ColumnInfo peer);

    /**
     * Expression hashing the canonical texts of a row to a non-negative integer ({@link RowHash#MD5}: 60 bits,
     * {@link RowHash#CRC32}: 32 bits), NULL-safe and with an injective input text, so that engines produce the same
     * integer for equal data.
     * <ul>
     * <li>{@link RowHash#MD5}: the text joins the elements with {@code |,}; in elements that may contain {@code |}
     * (strings, JSON, other) every {@code |} becomes {@code |!}; SQL NULL is {@code |N}. So every {@code |} of the text
     * starts one of three distinct two-character tokens and the text decodes uniquely, while each element is
     * evaluated once ({@link Canon#hashText}).</li>
     * <li>{@link RowHash#CRC32}: NULL flags of the nullable columns, then the byte lengths of the non-NULL elements
     * that may contain {@code |}, then the non-NULL elements, joined by {@code |} ({@link Canon#crcHashText}). No
     * REPLACE and no COALESCE per column: they were most of the checksum's cost.</li>
     * </ul>
     *
     * @param columns this side's columns, parallel to {@code canonicalExpressions}
     * @param peers   the same columns on the other side (the CRC32 text's shape depends on both sides, so that a
     *                column nullable on one side only still gives both sides the same text)
     * @throws UnsupportedOperationException when this engine cannot compute {@code kind}
     */
    String rowHash(List<ColumnInfo> columns, List<ColumnInfo> peers, List<String> canonicalExpressions, RowHash kind);

    /** Whether this engine can compute the row hash {@code kind} ({@link RowHash#MD5}: every engine). */
    default boolean supports(RowHash kind) {
        return kind == RowHash.MD5;
    }

    /** Expression ordering/comparing a key column so both engines agree (bytewise for strings when binary). */
    String keyOrder(ColumnInfo column, boolean binaryStrings);

    /** Placeholder to compare against {@link #keyOrder}: a {@code ?}, with a cast where needed. */
    String keyParam(ColumnInfo column, boolean binaryStrings);

    /** Binds a key value given as canonical text to a placeholder made by {@link #keyParam}. */
    void bindKey(PreparedStatement ps, int index, ColumnInfo column, String canonical) throws SQLException;

    /** SQL literal for writing a source value into the given target column (correction SQL). */
    String literal(ColumnInfo targetColumn, ColumnInfo sourceColumn, RowValue value);

    /** Predicate "column equals literal", exact (bytewise for strings) and NULL-safe. */
    String equalsLiteral(ColumnInfo column, String literal);

    /** Statements to put at the top of a correction script (time zone as the verifier used). */
    List<String> scriptPreamble();

    /** Statement deleting exactly one row matching the predicate (for keyless tables). */
    String deleteOne(ObjectName table, String predicate);

    /** Current time in UTC as canonical DATETIME text, as the server sees it. */
    String currentTimestampCanonical(Connection c) throws SQLException;

    /** Bytes this session has sent to the client, from the server's own counter; -1 when unknown. */
    default long bytesSent(Connection c) {
        return -1;
    }

    /** Describes a connection failure with what the user should check. */
    default String connectHint() {
        return "check that the server is running and reachable, the host and port, the user and the password";
    }

    static VerifierDialect forName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "mysql" -> new MySqlDialect(false);
            case "mariadb" -> new MySqlDialect(true);
            case "oceanbase", "ob", "seekdb" -> new OceanBaseDialect();
            case "postgresql", "postgres", "pg" -> new PostgresDialect();
            default -> throw new IllegalArgumentException("Unknown database type '" + name
                    + "'; use one of mysql, mariadb, oceanbase, postgresql");
        };
    }
}
