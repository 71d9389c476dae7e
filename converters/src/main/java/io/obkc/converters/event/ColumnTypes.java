package io.obkc.converters.event;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * Declared MySQL types of columns, for reading formats that carry no types (Maxwell) or only bare ones: with them a
 * Maxwell Base64 string becomes the bytes of a VARBINARY, a number the bits of a BIT(8), a JSON array a SET.
 *
 * <p>Syntax: entries separated by {@code ;}, each {@code <table>.<column>=<type>}, where {@code <table>} is
 * {@code db.table}, a bare {@code table}, or {@code *}; the most specific entry wins. Example:
 * {@code shop.orders.payload=varbinary(16);flags=bit(8);*.amount=decimal(10,2)}.
 */
public final class ColumnTypes {

    private final Map<String, String> byQualified = new HashMap<>();
    private final Map<String, String> byTable = new HashMap<>();
    private final Map<String, String> byColumn = new HashMap<>();

    private ColumnTypes() {
    }

    public static ColumnTypes parse(String spec) {
        ColumnTypes result = new ColumnTypes();
        if (spec == null || spec.isBlank()) {
            return result;
        }
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String target = eq < 0 ? "" : entry.substring(0, eq).trim();
            String type = eq < 0 ? "" : entry.substring(eq + 1).trim();
            int dot = target.lastIndexOf('.');
            if (eq < 0 || type.isEmpty() || dot <= 0 || dot == target.length() - 1) {
                throw new ConfigException("column.types", spec, "Entry '" + entry
                        + "' is not <table>.<column>=<type>, e.g. shop.orders.payload=varbinary(16)");
            }
            String table = target.substring(0, dot);
            String column = target.substring(dot + 1);
            if (table.equals("*")) {
                result.byColumn.put(column, type);
            } else if (table.contains(".")) {
                result.byQualified.put(table + "." + column, type);
            } else {
                result.byTable.put(table + "." + column, type);
            }
        }
        return result;
    }

    /** The declared type text of a column, or null. */
    public String typeOf(String db, String table, String column) {
        String t = byQualified.get(db + "." + table + "." + column);
        if (t == null) {
            t = byTable.get(table + "." + column);
        }
        return t != null ? t : byColumn.get(column);
    }

    public boolean isEmpty() {
        return byQualified.isEmpty() && byTable.isEmpty() && byColumn.isEmpty();
    }
}
