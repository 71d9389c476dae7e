package io.obkc.migration.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.types.MysqlSourceType;
import io.obkc.common.types.MysqlTypeMapping;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.migration.connect.ConnectRestClient;
import io.obkc.migration.connect.ConnectorPlan;
import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;
import io.obkc.migration.project.ProjectException;

/**
 * Every condition the project's steps need, checked read-only against the source, the target and the Connect
 * cluster. A blocker stops {@code start}; a warning is something the user should know before the migration.
 */
public final class Prechecks {
    private final LoadedProject p;

    public Prechecks(LoadedProject project) {
        this.p = project;
    }

    public List<Check> run(ConnectRestClient connect) {
        List<Check> out = new ArrayList<>();
        List<SelectedTables.Table> tables = List.of();
        try (Connection src = p.openSource()) {
            tables = SelectedTables.read(p, src);
            out.add(tables.isEmpty()
                    ? Check.blocker("objects", "the include rules select no table of the source",
                            "check objects.include (names are <database>.<table>, PostgreSQL <schema>.<table>)")
                    : Check.ok("objects", tables.size() + " table(s) selected"));
            if (p.postgres()) {
                new PostgresSourceChecks(p, src, tables).run(out);
            } else {
                new MysqlSourceChecks(p, src, tables).run(out);
            }
        } catch (ProjectException e) {
            out.add(Check.blocker("source connection", e.getMessage(), "fix source.url/user/password"));
        } catch (SQLException e) {
            out.add(Check.blocker("source", e.getMessage(), "grant the project's source user read access to information_schema"));
        }
        if (p.project().steps.contains(Project.Step.REVERSE)) {
            try (Connection src = p.openSource()) {
                reverseSourceChecks(src, out);
            } catch (ProjectException | SQLException e) {
                out.add(Check.blocker("reverse: source", e.getMessage(), "fix source.url/user/password"));
            }
        }
        try (Connection tgt = p.openTarget()) {
            targetChecks(tgt, tables, out);
        } catch (ProjectException e) {
            out.add(Check.blocker("target connection", e.getMessage(), "fix target.url/user/password"));
        } catch (SQLException e) {
            out.add(Check.blocker("target", e.getMessage(), "check the target user's privileges"));
        }
        if (p.bulkFullLoad()) {
            bulkLoadCheck(out);
        }
        connectChecks(connect, out);
        return out;
    }

    private void targetChecks(Connection tgt, List<SelectedTables.Table> tables, List<Check> out) throws SQLException {
        String version = one(tgt, "SELECT VERSION()");
        boolean ob = version != null && (version.toLowerCase(Locale.ROOT).contains("oceanbase") || version.toLowerCase(Locale.ROOT).contains("seekdb"));
        out.add(ob ? Check.ok("target version", version)
                : Check.warning("target version", version + " does not look like OceanBase", "point target.url at the OceanBase MySQL-mode tenant"));
        String grants = grants(tgt);
        List<String> missing = new ArrayList<>();
        List<String> needed = new ArrayList<>(List.of("CREATE", "ALTER", "DROP", "INDEX", "INSERT", "UPDATE", "DELETE", "SELECT", "REFERENCES"));
        if (p.project().steps.contains(Project.Step.REVERSE)) {
            // The reverse source installs change-log triggers on the migrated tables.
            needed.add("TRIGGER");
        }
        for (String priv : needed) {
            if (!grants.contains("ALL PRIVILEGES") && !grants.contains(priv)) {
                missing.add(priv);
            }
        }
        out.add(missing.isEmpty() ? Check.ok("target privileges", "the target user may create and write the tables")
                : Check.blocker("target privileges", "the target user lacks " + missing,
                        "GRANT " + String.join(", ", missing) + " ON *.* TO <target user>"));
        Set<String> collations = new HashSet<>();
        try (var st = tgt.createStatement(); ResultSet rs = st.executeQuery("SHOW COLLATION")) {
            while (rs.next()) {
                collations.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        out.add(collations.contains("utf8mb4_bin") && collations.contains("utf8mb4_general_ci")
                ? Check.ok("target collations", collations.size() + " collations, utf8mb4_bin and utf8mb4_general_ci among them")
                : Check.warning("target collations", "utf8mb4_bin or utf8mb4_general_ci missing",
                        "map source collations with the schema migration's --collation-map"));
        out.add(Check.ok("target free space", "not visible through SQL on a MySQL-mode tenant; check the tenant's disk quota in OCP or "
                + "oceanbase.GV$OB_SERVERS"));
        List<String> nonEmpty = new ArrayList<>();
        for (SelectedTables.Table t : tables) {
            try (var st = tgt.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM " + q(t.target()) + " LIMIT 1")) {
                if (rs.next()) {
                    nonEmpty.add(t.target().toString());
                }
            } catch (SQLException e) {
                // Table not there yet: the schema step creates it.
            }
        }
        out.add(nonEmpty.isEmpty() ? Check.ok("target tables", "no selected table has rows on the target")
                : Check.warning("target tables", nonEmpty.size() + " target table(s) already have rows, e.g. " + nonEmpty.get(0),
                        "rows are upserted by key over them; empty the tables for a clean full load"));
    }

    /**
     * Reverse incremental writes into the old source with our sink; with both directions at once its sessions turn the
     * binlog off (sql_log_bin=0), which needs a privilege: tried here (and turned back on) rather than read from the grants,
     * whose names differ between MariaDB and MySQL versions.
     */
    private void reverseSourceChecks(Connection src, List<Check> out) throws SQLException {
        if (p.project().steps.contains(Project.Step.REVERSE) && p.postgres()) {
            out.add(Check.blocker("reverse", "reverse incremental into PostgreSQL needs a PostgreSQL sink, which this bundle does not have",
                    "remove reverse from steps"));
            return;
        }
        String grants = grants(src);
        boolean writes = grants.contains("ALL PRIVILEGES") || (grants.contains("INSERT") && grants.contains("UPDATE") && grants.contains("DELETE"));
        out.add(writes ? Check.ok("reverse: source writes", "the source user may write the tables the reverse sink applies changes to")
                : Check.blocker("reverse: source writes", "the source user lacks INSERT, UPDATE or DELETE",
                        "GRANT INSERT, UPDATE, DELETE ON <source tables> TO <source user>"));
        if (!p.bothDirections()) {
            out.add(Check.ok("reverse: mode", "one-direction: the forward connectors stay stopped while reverse runs"));
            return;
        }
        try (var st = src.createStatement()) {
            st.execute("SET SESSION sql_log_bin = 0");
            st.execute("SET SESSION sql_log_bin = 1");
            out.add(Check.ok("reverse: binlog off for the reverse sink", "the source user may SET SESSION sql_log_bin = 0 (reverse writes "
                    + "stay out of the binlog the forward source reads; they reach no replica of the source either)"));
        } catch (SQLException e) {
            out.add(Check.blocker("reverse: binlog off for the reverse sink", "SET SESSION sql_log_bin = 0 refused: " + e.getMessage(),
                    "GRANT BINLOG ADMIN ON *.* TO <source user> (MariaDB 10.5.2+; SUPER before), or SYSTEM_VARIABLES_ADMIN (MySQL 8)"));
        }
    }

    /** full-load: bulk: obkc-bulk-load --check --source-only names every table it cannot copy exactly (no primary key, types). */
    private void bulkLoadCheck(List<Check> out) {
        io.obkc.migration.tools.ToolRunner.Result r;
        try {
            r = io.obkc.migration.tools.ToolRunner.run(io.obkc.migration.tools.ToolRunner.BULK_LOAD,
                    io.obkc.migration.tools.ToolRunner.bulkLoadArgs(p, true));
        } catch (ProjectException e) {
            out.add(Check.blocker("bulk load", e.getMessage(), "run obkc-migrate from its -cli jar"));
            return;
        }
        if (r.exitCode() == 0) {
            out.add(Check.ok("bulk load", r.out().strip()));
        } else {
            out.add(Check.blocker("bulk load", "full-load: bulk cannot copy every selected table exactly: " + r.err().strip(),
                    "give the named tables a primary key, exclude them, or use options.full-load: debezium"));
        }
    }

    private void connectChecks(ConnectRestClient connect, List<Check> out) {
        List<String> classes;
        try {
            classes = connect.pluginClasses();
        } catch (ProjectException e) {
            out.add(Check.blocker("connect", e.getMessage(), "start scripts/run-dev.sh or set connect.url"));
            return;
        }
        String source = switch (p.sourceType()) {
            case MARIADB -> "io.debezium.connector.mariadb.MariaDbConnector";
            case MYSQL -> "io.debezium.connector.mysql.MySqlConnector";
            case POSTGRESQL -> "io.debezium.connector.postgresql.PostgresConnector";
        };
        List<String> needed = new ArrayList<>(List.of(source, "io.obkc.sink.OceanBaseSinkConnector", ConnectorPlan.JSON_CONVERTER));
        if (p.project().steps.contains(Project.Step.REVERSE)) {
            needed.add("io.obkc.source.OceanBaseSourceConnector");
        }
        List<String> absent = needed.stream().filter(c -> !classes.contains(c)).toList();
        out.add(absent.isEmpty() ? Check.ok("connect plugins", "the worker has " + needed)
                : Check.blocker("connect plugins", "the worker lacks " + absent, "install the OBKC bundle and Debezium on the worker's plugin.path"));
    }

    static String one(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String grants(Connection c) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                b.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
            }
        }
        return b.toString();
    }

    static String q(ObjectName n) {
        return io.obkc.common.sql.Identifiers.quoteMysql(n.database(), n.table());
    }

    /** MySQL/MariaDB type check through the shared mapping: a type it refuses is one the schema migration refuses too. */
    static String unsupportedMysqlType(String column, String dataType, String columnType, Long length, Integer scale) {
        String base = dataType.toLowerCase(Locale.ROOT);
        if (base.equals("enum") || base.equals("set")) {
            return null;
        }
        try {
            String name = base + (columnType.toLowerCase(Locale.ROOT).contains("unsigned") ? " unsigned" : "");
            MysqlTypeMapping.map(MysqlSourceType.of(column, name, length == null ? null : (int) Math.min(length, Integer.MAX_VALUE), scale));
            return null;
        } catch (UnsupportedSourceTypeException e) {
            return e.getMessage();
        }
    }
}
