package io.obkc.migration.precheck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.Project;

/** PostgreSQL source: wal_level, replication slots and role, publication, partitioned tables, replica identity, types. */
final class PostgresSourceChecks {
    private final LoadedProject p;
    private final Connection c;
    private final Set<String> selected = new HashSet<>();

    PostgresSourceChecks(LoadedProject p, Connection c, List<SelectedTables.Table> tables) {
        this.p = p;
        this.c = c;
        tables.forEach(t -> selected.add(t.source().database() + "." + t.source().table()));
    }

    void run(List<Check> out) throws SQLException {
        out.add(Check.ok("source version", Prechecks.one(c, "SHOW server_version")));
        Check.Level need = p.project().steps.contains(Project.Step.INCREMENTAL) ? Check.Level.BLOCKER : Check.Level.WARNING;
        String wal = Prechecks.one(c, "SHOW wal_level");
        out.add("logical".equals(wal) ? Check.ok("wal_level", "logical")
                : new Check("wal_level", need, "wal_level is " + wal + ", logical decoding needs logical",
                        "ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL"));
        int max = Integer.parseInt(Prechecks.one(c, "SHOW max_replication_slots"));
        int used = Integer.parseInt(Prechecks.one(c, "SELECT count(*) FROM pg_replication_slots"));
        boolean ours = Prechecks.one(c, "SELECT slot_name FROM pg_replication_slots WHERE slot_name = '" + p.pgSlot().replace("'", "''") + "'") != null;
        out.add(ours ? Check.ok("replication slot", "slot " + p.pgSlot() + " exists (a restart continues from it)")
                : used < max ? Check.ok("replication slot", (max - used) + " of " + max + " slots free; " + p.pgSlot() + " will be created")
                : new Check("replication slot", need, "all " + max + " replication slots are in use",
                        "drop an unused slot (pg_drop_replication_slot) or raise max_replication_slots"));
        String role = Prechecks.one(c, "SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user");
        out.add("t".equals(role) || "true".equals(role) ? Check.ok("replication role", "the source user may stream changes")
                : new Check("replication role", need, "the source user has no REPLICATION attribute", "ALTER ROLE <source user> REPLICATION"));
        boolean publication = Prechecks.one(c, "SELECT pubname FROM pg_publication WHERE pubname = '" + p.pgSlot().replace("'", "''") + "'") != null;
        out.add(publication ? Check.ok("publication", "publication " + p.pgSlot() + " exists")
                : Check.ok("publication", "publication " + p.pgSlot() + " will be created for the selected schemas' tables "
                        + "(publication.autocreate.mode=filtered; the source user must own them)"));
        tableChecks(out, need);
    }

    private void tableChecks(List<Check> out, Check.Level need) throws SQLException {
        List<String> partitioned = new ArrayList<>();
        List<String> noIdentity = new ArrayList<>();
        List<String> keyless = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname, c.relkind, c.relreplident, "
                + "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND (i.indisprimary)), "
                + "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND (i.indisprimary OR i.indisunique)) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')";
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String n = rs.getString(1) + "." + rs.getString(2);
                if (!selected.contains(n)) {
                    continue;
                }
                if ("p".equals(rs.getString(3))) {
                    partitioned.add(n);
                }
                if (!rs.getBoolean(6)) {
                    keyless.add(n);
                }
                String ident = rs.getString(4);
                if (!rs.getBoolean(5) && ("d".equals(ident) || "n".equals(ident))) {
                    noIdentity.add(n);
                }
            }
        }
        out.add(keyless.isEmpty() ? Check.ok("keyless tables", "every selected table has a primary or unique key")
                : Check.warning("keyless tables", keyless.size() + " table(s) without primary/unique key: " + MysqlSourceChecks.shortList(keyless),
                        "they get a hidden key column on the target (dropped at switchover); updates and deletes match all "
                                + "columns, so duplicate rows are ambiguous. Add a primary key where you can"));
        out.add(partitioned.isEmpty() ? Check.ok("partitioned tables", "none selected")
                : Check.warning("partitioned tables", partitioned.size() + " partitioned table(s): " + MysqlSourceChecks.shortList(partitioned),
                        "the schema migration folds partitions into one table; set source-config publish.via.partition.root=true "
                                + "(Debezium: publication created WITH (publish_via_partition_root = true)) so changes arrive under the root's name"));
        out.add(noIdentity.isEmpty() ? Check.ok("replica identity", "every selected table has a primary key or a replica identity")
                : new Check("replica identity", need, noIdentity.size() + " table(s) without primary key or replica identity: "
                        + MysqlSourceChecks.shortList(noIdentity) + "; once published, PostgreSQL refuses their UPDATEs and DELETEs",
                        "ALTER TABLE <table> REPLICA IDENTITY FULL (or add a primary key)"));
        List<String> odd = new ArrayList<>();
        String types = "SELECT table_schema, table_name, column_name, udt_name FROM information_schema.columns "
                + "WHERE data_type = 'USER-DEFINED' AND udt_name NOT IN (SELECT typname FROM pg_type WHERE typtype = 'e')";
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(types)) {
            while (rs.next()) {
                String n = rs.getString(1) + "." + rs.getString(2);
                if (selected.contains(n)) {
                    odd.add(n + "." + rs.getString(3) + " " + rs.getString(4));
                }
            }
        }
        out.add(odd.isEmpty() ? Check.ok("column types", "no user-defined (non-enum) column type")
                : Check.warning("column types", odd.size() + " column(s) of user-defined types: " + MysqlSourceChecks.shortList(odd),
                        "see docs/type-mapping.md: the schema migration maps them or refuses the table by name"));
    }
}
