package io.obkc.source.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A captured table: its columns in ordinal order and its primary key (empty when it has none). */
public record TableDef(String database, String table, List<ColumnDef> columns, List<String> primaryKey) {

    public TableDef {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public String id() {
        return database + "." + table;
    }

    public ColumnDef column(String name) {
        for (ColumnDef c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    public List<ColumnDef> keyColumns() {
        return primaryKey.stream().map(this::column).toList();
    }

    /** A digest of the column list and types: it changes with ADD/DROP/MODIFY COLUMN, and the triggers record the one they were built for. */
    public String structureHash() {
        StringBuilder sb = new StringBuilder();
        for (ColumnDef c : columns) {
            sb.append(c.name()).append(' ').append(c.columnType()).append(c.optional() ? " null" : " not null").append('\n');
        }
        sb.append("pk ").append(primaryKey);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
