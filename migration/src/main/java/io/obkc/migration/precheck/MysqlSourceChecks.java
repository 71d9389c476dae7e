package io.obkc.migration.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;

/** MySQL/MariaDB source: binlog settings, server id, privileges, keyless tables, FK cascades, types, key collations. */
final class MysqlSourceChecks {
    private final LoadedProject p;
    private final Connection c;
    private final List<SelectedTables.Table> tables;
    private final Set<String> selected = new HashSet<>();

    MysqlSourceChecks(LoadedProject p, Connection c, List<SelectedTables.Table> tables) {
        this.p = p;
        this.c = c;
        this.tables = tables;
        tables.forEach(t -> selected.add(t.source().database() + "." + t.source().table()));
    }

    void run(List<Check> out) throws SQLException {
        out.add(Check.ok("source version", Prechecks.one(c, "SELECT VERSION()")));
        boolean incremental = p.project().steps.contains(Project.Step.INCREMENTAL);
        String logBin = Prechecks.one(c, "SELECT @@log_bin");
        String format = Prechecks.one(c, "SELECT @@binlog_format");
        String image = Prechecks.one(c, "SELECT @@binlog_row_image");
        long serverId = Long.parseLong(Prechecks.one(c, "SELECT @@server_id"));
        Check.Level need = incremental ? Check.Level.BLOCKER : Check.Level.WARNING;
        out.add("1".equals(logBin) || "ON".equalsIgnoreCase(logBin) ? Check.ok("binlog", "log_bin is ON")
                : new Check("binlog", need, "log_bin is OFF: no change can be captured", "start the server with log_bin (my.cnf: log_bin=mysql-bin)"));
        out.add("ROW".equalsIgnoreCase(format) ? Check.ok("binlog_format", "ROW")
                : new Check("binlog_format", need, "binlog_format is " + format + ", Debezium needs ROW",
                        "SET GLOBAL binlog_format = 'ROW' and binlog_format=ROW in my.cnf"));
        out.add("FULL".equalsIgnoreCase(image) ? Check.ok("binlog_row_image", "FULL")
                : new Check("binlog_row_image", need, "binlog_row_image is " + image + ": updates would miss unchanged columns",
                        "SET GLOBAL binlog_row_image = 'FULL' and binlog_row_image=FULL in my.cnf"));
        out.add(serverId == 0 ? new Check("server_id", need, "server_id is 0: the server refuses replication clients", "set server_id to a unique non-zero value")
                : serverId == p.serverId() ? Check.blocker("server_id", "the server's own server_id equals the project's Debezium server id " + serverId,
                        "set options.server-id to another value")
                : Check.ok("server_id", "server " + serverId + ", Debezium client " + p.serverId()));
        privileges(out, need);
        keyless(out);
        cascades(out);
        types(out);
    }

    private void privileges(List<Check> out, Check.Level need) throws SQLException {
        String g = Prechecks.grants(c);
        boolean all = g.contains("ALL PRIVILEGES ON *.*");
        List<String> missing = new ArrayList<>();
        if (!all && !g.contains("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        // MariaDB 10.5+ calls REPLICATION CLIENT "BINLOG MONITOR" and shows it so.
        if (!all && !g.contains("REPLICATION CLIENT") && !g.contains("BINLOG MONITOR")) {
            missing.add("REPLICATION CLIENT");
        }
        if (!all && !g.contains("SELECT")) {
            missing.add("SELECT");
        }
        out.add(missing.isEmpty() ? Check.ok("source privileges", "replication and read privileges granted")
                : new Check("source privileges", need, "the source user lacks " + missing,
                        "GRANT " + String.join(", ", missing) + " ON *.* TO <source user>"));
        boolean markerWrites = all || (g.contains("CREATE") && g.contains("INSERT") && g.contains("UPDATE"));
        out.add(markerWrites ? Check.ok("marker table", "the source user may create and write " + p.markerDatabase() + "." + LoadedProject.MARKER_TABLE)
                : Check.blocker("marker table", "the source user cannot create/write the marker table " + p.markerDatabase() + "."
                        + LoadedProject.MARKER_TABLE + " (lag figures and the switchover's catch-up proof need it)",
                        "GRANT CREATE, INSERT, UPDATE ON " + p.markerDatabase() + ".* TO <source user>"));
    }

    private void keyless(List<Check> out) throws SQLException {
        List<String> keyless = new ArrayList<>();
        String sql = "SELECT t.TABLE_SCHEMA, t.TABLE_NAME FROM information_schema.TABLES t WHERE t.TABLE_TYPE = 'BASE TABLE' "
                + "AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS k WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA "
                + "AND k.TABLE_NAME = t.TABLE_NAME AND k.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE'))";
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String n = rs.getString(1) + "." + rs.getString(2);
                if (selected.contains(n)) {
                    keyless.add(n);
                }
            }
        }
        out.add(keyless.isEmpty() ? Check.ok("keyless tables", "every selected table has a primary or unique key")
                : Check.warning("keyless tables", keyless.size() + " table(s) without primary/unique key: " + shortList(keyless),
                        "they get a hidden key column on the target (dropped at switchover); updates and deletes match all "
                                + "columns, so duplicate rows are ambiguous. Add a primary key where you can"));
        if (!keyless.isEmpty() && p.bothDirections() && p.project().steps.contains(io.obkc.migration.project.Project.Step.REVERSE)) {
            // Two-way sync of a keyless table was not tested: its rows have no identity both sides agree on.
            out.add(Check.warning("reverse: keyless tables", "reverse-mode both-directions with " + keyless.size() + " keyless table(s): "
                    + shortList(keyless), "add a primary key, or write those tables on one side only"));
        }
    }

    private void cascades(List<Check> out) throws SQLException {
        List<String> found = new ArrayList<>();
        String sql = "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE DELETE_RULE <> 'RESTRICT' AND DELETE_RULE <> 'NO ACTION' OR UPDATE_RULE <> 'RESTRICT' AND UPDATE_RULE <> 'NO ACTION'";
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String n = rs.getString(1) + "." + rs.getString(2);
                if (selected.contains(n)) {
                    found.add(n + " " + rs.getString(3) + " (ON DELETE " + rs.getString(4) + ", ON UPDATE " + rs.getString(5) + ")");
                }
            }
        }
        out.add(found.isEmpty() ? Check.ok("FK cascades", "no selected table has a cascading foreign key")
                : Check.warning("FK cascades", found.size() + " cascading foreign key(s): " + shortList(found),
                        "foreign keys are created on the target only at switchover; until then the child rows' changes arrive "
                                + "as the source logged them. Keep the parent and child tables in the same project"));
    }

    private void types(List<Check> out) throws SQLException {
        List<String> unsupported = new ArrayList<>();
        List<String> keyCollations = new ArrayList<>();
        String sql = "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, "
                + "COALESCE(c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.DATETIME_PRECISION), c.NUMERIC_SCALE, c.COLLATION_NAME, c.COLUMN_KEY "
                + "FROM information_schema.COLUMNS c";
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String table = rs.getString(1) + "." + rs.getString(2);
                if (!selected.contains(table)) {
                    continue;
                }
                String column = table + "." + rs.getString(3);
                long len = rs.getLong(6);
                Long length = rs.wasNull() ? null : len;
                int sc = rs.getInt(7);
                Integer scale = rs.wasNull() ? null : sc;
                String why = Prechecks.unsupportedMysqlType(column, rs.getString(4), rs.getString(5), length, scale);
                if (why != null) {
                    unsupported.add(column + " " + rs.getString(5) + ": " + why);
                }
                String collation = rs.getString(8);
                String key = rs.getString(9);
                if (collation != null && ("PRI".equals(key) || "UNI".equals(key)) && collation.toLowerCase(Locale.ROOT).matches(".*(_ci|_ai_.*)$")) {
                    keyCollations.add(column + " " + collation);
                }
            }
        }
        out.add(unsupported.isEmpty() ? Check.ok("column types", "every column type of the selected tables has an OceanBase counterpart")
                : Check.blocker("column types", unsupported.size() + " column(s) with a type OceanBase cannot hold: " + shortList(unsupported),
                        "exclude the tables (objects.exclude) or change the columns' types on the source"));
        out.add(keyCollations.isEmpty() ? Check.ok("key collations", "no case-insensitive key column")
                : Check.warning("key collations", keyCollations.size() + " key column(s) compare case-insensitively: " + shortList(keyCollations),
                        "the target maps the collation (docs/schema-migration.md); keys differing only in case collide on both sides alike"));
    }

    static String shortList(List<String> items) {
        return items.stream().limit(5).collect(Collectors.joining(", ")) + (items.size() > 5 ? ", … (" + items.size() + " in all)" : "");
    }
}
