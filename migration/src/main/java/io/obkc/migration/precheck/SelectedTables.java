package io.obkc.migration.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.obkc.common.rules.ObjectMatcher;
import io.obkc.common.rules.ObjectName;
import io.obkc.migration.project.LoadedProject;

/** The source's base tables the project's rules select, each with its name on the target (the rules' renames applied). */
public final class SelectedTables {
    public record Table(ObjectName source, ObjectName target) {
    }

    private SelectedTables() {
    }

    public static List<Table> read(LoadedProject p, Connection source) throws SQLException {
        ObjectMatcher m = p.matcher();
        String sql = p.postgres()
                ? "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        + "AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%' "
                        + "AND table_catalog = current_database() ORDER BY 1, 2"
                : "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                        + "AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1, 2";
        List<Table> out = new ArrayList<>();
        try (var st = source.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ObjectName n = new ObjectName(rs.getString(1), rs.getString(2));
                if (n.database().equals(p.markerDatabase())) {
                    continue;
                }
                m.map(n).ifPresent(t -> out.add(new Table(n, t)));
            }
        }
        return out;
    }

    public static List<String> sourceDatabases(List<Table> tables) {
        return tables.stream().map(t -> t.source().database()).distinct().toList();
    }
}
