package io.obkc.converters.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * Which columns form each table's key. A value converter never sees the record key, and Debezium's value schema
 * does not mark key columns, so formats that name the key inside the value (Canal {@code pkNames}, OMS
 * {@code record_primary_key}, DataWorks {@code primaryKey}) need it configured.
 *
 * <p>Syntax: entries separated by {@code ;}, each {@code <table>:<col>[,<col>...]}, where {@code <table>} is
 * {@code db.table}, a bare {@code table} (any database) or {@code *} (any table). The most specific match wins.
 * Only columns present in the row are used.
 */
public final class KeyColumns {

    private final Map<String, List<String>> byQualifiedTable = new HashMap<>();
    private final Map<String, List<String>> byTable = new HashMap<>();
    private List<String> fallback = List.of();

    private KeyColumns() {
    }

    public static KeyColumns parse(String spec) {
        KeyColumns result = new KeyColumns();
        if (spec == null || spec.isBlank()) {
            return result;
        }
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new ConfigException("key.columns", spec, "Entry '" + entry + "' is not <table>:<col>[,<col>]");
            }
            String table = entry.substring(0, colon).trim();
            List<String> cols = new ArrayList<>();
            for (String c : entry.substring(colon + 1).split(",")) {
                if (!c.isBlank()) {
                    cols.add(c.trim());
                }
            }
            if (table.equals("*")) {
                result.fallback = List.copyOf(cols);
            } else if (table.contains(".")) {
                result.byQualifiedTable.put(table, List.copyOf(cols));
            } else {
                result.byTable.put(table, List.copyOf(cols));
            }
        }
        return result;
    }

    /** The key columns of {@code db.table} that exist among {@code columns}; empty when none is configured. */
    public List<String> resolve(String database, String table, List<ColumnDef> columns) {
        List<String> configured = byQualifiedTable.get(database + "." + table);
        if (configured == null) {
            configured = byTable.get(table);
        }
        if (configured == null) {
            configured = fallback;
        }
        if (configured.isEmpty()) {
            return configured;
        }
        List<String> present = new ArrayList<>(configured.size());
        for (String c : configured) {
            for (ColumnDef def : columns) {
                if (def.name().equals(c)) {
                    present.add(c);
                    break;
                }
            }
        }
        return present;
    }

    @Override
    public String toString() {
        return "KeyColumns" + Arrays.asList(byQualifiedTable, byTable, fallback);
    }
}
