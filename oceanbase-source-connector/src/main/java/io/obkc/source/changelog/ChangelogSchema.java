package io.obkc.source.changelog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

import io.obkc.common.sql.Identifiers;
import io.obkc.source.schema.ColumnDef;
import io.obkc.source.schema.ColumnTypes;
import io.obkc.source.schema.TableDef;

/**
 * The SQL of the change-log mode: the change-log table and the AFTER INSERT/UPDATE/DELETE triggers that feed it. Each
 * trigger writes the row images as JSON objects of column name to exact text ({@link ColumnTypes#textExpression}), the
 * table's structure hash it was built for, the writing session's connection id (with ORA_ROWSCN, the transaction) and the
 * writing session's origin marker: the user variable {@value #ORIGIN_VARIABLE} ('' when the session did not set it),
 * which {@code capture.exclude.origins} filters on (a sink session sets it, so its changes are not captured back).
 */
public final class ChangelogSchema {
    public static final String[] TRIGGER_SUFFIXES = {"i", "u", "d"};
    /** The session user variable a writer sets to mark its changes; triggers read it in the writing session. */
    public static final String ORIGIN_VARIABLE = "@obkc_origin";
    /** The change-log column holding it. NULL in rows written by triggers from before origins were recorded. */
    public static final String ORIGIN_COLUMN = "origin";
    /**
     * Part of every trigger name: the format of what the triggers write. Triggers of an older format (no origin) have names
     * without it, so they count as outdated and are replaced (new ones first) like the triggers of an older structure.
     */
    static final String TRIGGER_FORMAT = "o";

    private final String database;
    private final String table;

    public ChangelogSchema(String database, String table) {
        this.database = database;
        this.table = table;
    }

    public String qualifiedTable() {
        return Identifiers.quoteMysql(database, table);
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public String createDatabase() {
        return "CREATE DATABASE IF NOT EXISTS " + Identifiers.quoteMysql(database);
    }

    public String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedTable() + " ("
                + "seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "db VARCHAR(128) NOT NULL, "
                + "tbl VARCHAR(128) NOT NULL, "
                + "op CHAR(1) NOT NULL, "
                + "conn_id BIGINT NOT NULL, "
                + "structure VARCHAR(32) NOT NULL, "
                + "before_img LONGTEXT, "
                + "after_img LONGTEXT, "
                + ORIGIN_COLUMN + " VARCHAR(128)) "
                + "COMMENT 'OBKC OceanBase source connector change log: rows are deleted once consumed'";
    }

    /**
     * Adds the origin column to a change-log table created before origins were recorded. Nullable and last, so the INSERTs
     * of triggers of the older format (which name their columns) keep working while they still exist.
     */
    public String addOriginColumn() {
        return "ALTER TABLE " + qualifiedTable() + " ADD COLUMN " + ORIGIN_COLUMN + " VARCHAR(128)";
    }

    /**
     * The trigger name for a captured table, its structure and an operation: {@code obkc_<hash>_<structure>_<i|u|d>}, the
     * hash over the change-log table and the captured table so two connectors with different change logs do not collide,
     * the structure so that the triggers of a new structure can be created before the old ones are dropped.
     */
    public String triggerName(TableDef t, String suffix) {
        return triggerPrefix(t) + t.structureHash().substring(0, 8) + TRIGGER_FORMAT + "_" + suffix;
    }

    /** What the names of all triggers of this change log on a table start with, whatever the structure. */
    public String triggerPrefix(TableDef t) {
        return "obkc_" + hash(database + "." + table + "/" + t.database() + "." + t.table()) + "_";
    }

    public List<String> createTriggers(TableDef t) {
        List<String> out = new ArrayList<>();
        String target = Identifiers.quoteMysql(t.database(), t.table());
        String common = "INSERT INTO " + qualifiedTable() + " (db, tbl, op, conn_id, structure, before_img, after_img, "
                + ORIGIN_COLUMN + ") VALUES ("
                + Identifiers.quoteMysqlString(t.database()) + ", " + Identifiers.quoteMysqlString(t.table()) + ", ";
        String structure = Identifiers.quoteMysqlString(t.structureHash());
        out.add("CREATE TRIGGER " + trigger(t, "i") + " AFTER INSERT ON " + target + " FOR EACH ROW " + common
                + "'c', CONNECTION_ID(), " + structure + ", NULL, " + image(t, "NEW") + ", " + ORIGIN + ")");
        out.add("CREATE TRIGGER " + trigger(t, "u") + " AFTER UPDATE ON " + target + " FOR EACH ROW " + common
                + "'u', CONNECTION_ID(), " + structure + ", " + image(t, "OLD") + ", " + image(t, "NEW") + ", " + ORIGIN + ")");
        out.add("CREATE TRIGGER " + trigger(t, "d") + " AFTER DELETE ON " + target + " FOR EACH ROW " + common
                + "'d', CONNECTION_ID(), " + structure + ", " + image(t, "OLD") + ", NULL, " + ORIGIN + ")");
        return out;
    }

    /** Never NULL, so a row of the current format is told apart from one of a trigger that predates origins. */
    private static final String ORIGIN = "IFNULL(CAST(" + ORIGIN_VARIABLE + " AS CHAR(128)), '')";

    public String dropTrigger(TableDef t, String name) {
        return "DROP TRIGGER IF EXISTS " + Identifiers.quoteMysql(t.database(), name);
    }

    private String trigger(TableDef t, String suffix) {
        return Identifiers.quoteMysql(t.database(), triggerName(t, suffix));
    }

    private static String image(TableDef t, String alias) {
        StringJoiner j = new StringJoiner(", ", "CAST(JSON_OBJECT(", ") AS CHAR)");
        for (ColumnDef c : t.columns()) {
            j.add(Identifiers.quoteMysqlString(c.name()));
            j.add(ColumnTypes.textExpression(c, alias + "." + Identifiers.quoteMysql(c.name())));
        }
        return j.toString();
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
