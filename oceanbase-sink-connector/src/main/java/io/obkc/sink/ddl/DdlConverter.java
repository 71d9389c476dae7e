package io.obkc.sink.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.obkc.common.sql.Identifiers;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.sink.ddl.ParsedDdl.AlterClause;
import io.obkc.sink.ddl.ParsedDdl.IndexKind;
import io.obkc.sink.ddl.ParsedDdl.IndexSpec;
import io.obkc.sink.ddl.ParsedDdl.Name;
import io.obkc.sink.ddl.SchemaChange.SourceColumn;
import io.obkc.sink.ddl.SchemaChange.TableChange;
import io.obkc.sink.table.TableId;

/**
 * Converts one source DDL statement into OceanBase MySQL-mode statements on the routed target
 * tables. Column definitions come from Debezium's structured {@code tableChanges}; the statement
 * text only says what kind of change it is and carries what {@code tableChanges} lacks (renames,
 * positions, indexes). The output is idempotent against the target's current state, so a DDL event
 * that is delivered again, or that arrives after row changes already evolved the table, does no harm:
 * ADD COLUMN of an existing column becomes MODIFY, DROP of a missing column or index does nothing,
 * a RENAME whose source is gone and whose target exists does nothing.
 */
public final class DdlConverter {

    /** What the converter needs to know of the target. Names are target names. */
    public interface TargetState {
        boolean tableExists(TableId table);

        boolean columnExists(TableId table, String column);

        boolean indexExists(TableId table, String index);
    }

    /**
     * One target action: its class (for the policy), table, and SQL. {@code sql} is empty for a no-op
     * ({@code note} says why) and for a clause the sink does not synchronize (class OTHER); {@code unsupported}
     * is set when the statement class is synchronized but this statement cannot be converted.
     */
    public record TargetDdl(DdlClass ddlClass, TableId table, List<String> sql, String sourceText, String note, String unsupported) {
        public boolean isNoop() {
            return sql.isEmpty() && unsupported == null && ddlClass != DdlClass.OTHER;
        }

        static TargetDdl of(DdlClass c, TableId t, String sourceText, String... sql) {
            return new TargetDdl(c, t, List.of(sql), sourceText, null, null);
        }

        static TargetDdl noop(DdlClass c, TableId t, String sourceText, String note) {
            return new TargetDdl(c, t, List.of(), sourceText, note, null);
        }

        static TargetDdl unsupported(DdlClass c, TableId t, String sourceText, String why) {
            return new TargetDdl(c, t, List.of(), sourceText, null, why);
        }
    }

    /** Source (database, table) named by a schema change event to the target table, through the sink's name formats. */
    @FunctionalInterface
    public interface NameRouter {
        TableId route(SchemaChange change, Name name);
    }

    private final NameRouter nameRouter;
    private final CapturedTables captured;
    private Function<Name, TableId> router;
    /** The current statement's DEFAULT/ON UPDATE CURRENT_TIMESTAMP clauses, by lower-case column name. */
    private java.util.Map<String, CurrentTimestampClauses> clocks = java.util.Map.of();

    /** Every table named by a schema change counts as captured; see {@link #DdlConverter(NameRouter, CapturedTables)}. */
    public DdlConverter(NameRouter nameRouter) {
        this(nameRouter, CapturedTables.ALL);
    }

    /** @param captured the tables whose DDL is synchronized; statements naming any other table are not applied */
    public DdlConverter(NameRouter nameRouter, CapturedTables captured) {
        this.nameRouter = nameRouter;
        this.captured = captured;
    }

    /**
     * The existing target table whose earlier row changes must be written before this statement is
     * applied, or null when there is none to wait for (CREATE TABLE, statements not synchronized).
     */
    public TableId tableToWaitFor(SchemaChange change, ParsedDdl ddl) {
        Name n = null;
        if (ddl instanceof ParsedDdl.AlterTable at) {
            n = at.table();
        } else if (ddl instanceof ParsedDdl.RenameTable rt) {
            n = rt.renames().get(0).from();
        } else if (ddl instanceof ParsedDdl.TruncateTable tt) {
            n = tt.table();
        } else if (ddl instanceof ParsedDdl.DropTable dt) {
            n = dt.tables().get(0);
        } else if (ddl instanceof ParsedDdl.CreateIndex ci) {
            n = ci.table();
        } else if (ddl instanceof ParsedDdl.DropIndex di) {
            n = di.table();
        }
        return n == null ? null : nameRouter.route(change, n.withDefaultDatabase(change.databaseName()));
    }

    /** Every table a statement names (source names, possibly unqualified). */
    static List<Name> tablesNamed(ParsedDdl ddl) {
        List<Name> names = new ArrayList<>();
        if (ddl instanceof ParsedDdl.CreateTable ct) {
            names.add(ct.table());
        } else if (ddl instanceof ParsedDdl.AlterTable at) {
            names.add(at.table());
            for (AlterClause c : at.clauses()) {
                if (c.renameTo() != null) {
                    names.add(c.renameTo().withDefaultDatabase(at.table().database()));
                }
            }
        } else if (ddl instanceof ParsedDdl.RenameTable rt) {
            rt.renames().forEach(r -> {
                names.add(r.from());
                names.add(r.to());
            });
        } else if (ddl instanceof ParsedDdl.TruncateTable tt) {
            names.add(tt.table());
        } else if (ddl instanceof ParsedDdl.DropTable dt) {
            names.addAll(dt.tables());
        } else if (ddl instanceof ParsedDdl.CreateIndex ci) {
            names.add(ci.table());
        } else if (ddl instanceof ParsedDdl.DropIndex di) {
            names.add(di.table());
        }
        return names;
    }

    public List<TargetDdl> convert(SchemaChange change, ParsedDdl ddl, TargetState state) {
        this.router = n -> nameRouter.route(change, n);
        this.clocks = CurrentTimestampClauses.read(change.ddl());
        String db = change.databaseName();
        String text = change.describe();
        List<TargetDdl> out = new ArrayList<>();
        for (Name n : tablesNamed(ddl)) {
            Name qualified = n.withDefaultDatabase(db);
            if (!captured.isCaptured(change, qualified)) {
                // Not OTHER's "not synchronized" by class: recorded with the reason, never applied, whatever the policies say.
                out.add(new TargetDdl(DdlClass.OTHER, null, List.of(), text, "table " + qualified.database() + "." + qualified.table()
                        + " is not captured by this sink (its topic " + CapturedTables.rowTopic(change, qualified)
                        + " is not in topics/topics.regex)", null));
                return out;
            }
        }
        if (ddl instanceof ParsedDdl.CreateTable ct) {
            Name src = ct.table().withDefaultDatabase(db);
            TableId target = router.apply(src);
            TableChange tc = tableChange(change, src);
            if (tc == null || tc.columns().isEmpty()) {
                out.add(TargetDdl.unsupported(DdlClass.CREATE_TABLE, target, text, "the event carries no column definitions (tableChanges)"));
                return out;
            }
            try {
                out.add(createTable(target, tc, text, state));
            } catch (SourceColumnMapper.UnsupportedColumnException | UnsupportedSourceTypeException e) {
                out.add(TargetDdl.unsupported(DdlClass.CREATE_TABLE, target, text, e.getMessage()));
                return out;
            }
            for (IndexSpec idx : ct.indexes()) {
                if (idx.kind() != IndexKind.PRIMARY) {
                    out.add(addIndex(target, idx, text, state, false));
                }
            }
        } else if (ddl instanceof ParsedDdl.AlterTable at) {
            Name src = at.table().withDefaultDatabase(db);
            TableId target = router.apply(src);
            Name renamedTo = null;
            for (AlterClause c : at.clauses()) {
                if (c.ddlClass() == DdlClass.RENAME_TABLE) {
                    renamedTo = c.renameTo().withDefaultDatabase(src.database());
                }
            }
            TableChange tc = tableChange(change, renamedTo != null ? renamedTo : src);
            for (AlterClause c : at.clauses()) {
                try {
                    out.addAll(alterClause(src, target, c, tc, state));
                } catch (SourceColumnMapper.UnsupportedColumnException | UnsupportedSourceTypeException e) {
                    out.add(TargetDdl.unsupported(c.ddlClass(), target, c.text(), e.getMessage()));
                }
            }
        } else if (ddl instanceof ParsedDdl.RenameTable rt) {
            for (ParsedDdl.Rename r : rt.renames()) {
                out.add(rename(router.apply(r.from().withDefaultDatabase(db)), router.apply(r.to().withDefaultDatabase(db)), text, state));
            }
        } else if (ddl instanceof ParsedDdl.TruncateTable tt) {
            TableId target = router.apply(tt.table().withDefaultDatabase(db));
            out.add(state.tableExists(target) ? TargetDdl.of(DdlClass.TRUNCATE_TABLE, target, text, "TRUNCATE TABLE " + target.quoted())
                    : TargetDdl.noop(DdlClass.TRUNCATE_TABLE, target, text, "target table does not exist"));
        } else if (ddl instanceof ParsedDdl.DropTable dt) {
            for (Name n : dt.tables()) {
                TableId target = router.apply(n.withDefaultDatabase(db));
                out.add(TargetDdl.of(DdlClass.DROP_TABLE, target, text, "DROP TABLE IF EXISTS " + target.quoted()));
            }
        } else if (ddl instanceof ParsedDdl.CreateIndex ci) {
            out.add(addIndex(router.apply(ci.table().withDefaultDatabase(db)), ci.index(), text, state, true));
        } else if (ddl instanceof ParsedDdl.DropIndex di) {
            out.add(dropIndex(router.apply(di.table().withDefaultDatabase(db)), di.index(), text, state));
        } else if (ddl instanceof ParsedDdl.Other o) {
            out.add(new TargetDdl(DdlClass.OTHER, null, List.of(), text, o.what(), null));
        }
        return out;
    }

    private TargetDdl createTable(TableId target, TableChange tc, String text, TargetState state) {
        List<String> lines = new ArrayList<>();
        for (SourceColumn c : tc.columns()) {
            boolean pk = tc.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            lines.add(SourceColumnMapper.columnDefinition(c, pk, clock(c)));
        }
        if (!tc.primaryKey().isEmpty()) {
            lines.add("PRIMARY KEY (" + String.join(", ", tc.primaryKey().stream().map(Identifiers::quoteMysql).toList()) + ")");
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(target.quoted()).append(" (\n  ")
                .append(String.join(",\n  ", lines)).append("\n) DEFAULT CHARSET = utf8mb4");
        if (tc.comment() != null && !tc.comment().isEmpty()) {
            sb.append(" COMMENT = ").append(Identifiers.quoteMysqlString(SourceColumnMapper.literalText(tc.comment())));
        }
        List<String> sql = new ArrayList<>();
        if (target.database() != null && !target.database().isEmpty()) {
            sql.add("CREATE DATABASE IF NOT EXISTS " + Identifiers.quoteMysql(target.database()) + " DEFAULT CHARACTER SET utf8mb4");
        }
        sql.add(sb.toString());
        String note = state.tableExists(target) ? "target table already exists (created earlier or by row changes); kept as is" : null;
        return new TargetDdl(DdlClass.CREATE_TABLE, target, List.copyOf(sql), text, note, null);
    }

    private List<TargetDdl> alterClause(Name src, TableId target, AlterClause c, TableChange tc, TargetState state) {
        String text = c.text();
        String pos = c.position() == null ? "" : " " + c.position();
        String alter = "ALTER TABLE " + target.quoted() + " ";
        switch (c.ddlClass()) {
            case ADD_COLUMN: {
                List<TargetDdl> out = new ArrayList<>();
                if (c.column() == null) {
                    // ADD COLUMN (a ..., b ...): every column tableChanges has and the target lacks.
                    for (SourceColumn sc : requireTableChange(tc, c).columns()) {
                        if (!state.columnExists(target, sc.name())) {
                            out.add(TargetDdl.of(DdlClass.ADD_COLUMN, target, text,
                                    alter + "ADD COLUMN " + SourceColumnMapper.columnDefinition(sc, isPk(tc, sc.name()), clock(sc))));
                        }
                    }
                    return out;
                }
                SourceColumn sc = column(tc, c, c.column());
                String def = SourceColumnMapper.columnDefinition(sc, isPk(tc, sc.name()), clock(sc));
                // The name the rows carry (tableChanges'), which may differ from the DDL text's (see TableChange.column).
                if (state.columnExists(target, sc.name())) {
                    out.add(TargetDdl.of(DdlClass.ADD_COLUMN, target, text, alter + "MODIFY COLUMN " + def + pos));
                } else {
                    out.add(TargetDdl.of(DdlClass.ADD_COLUMN, target, text, alter + "ADD COLUMN " + def + pos));
                }
                return out;
            }
            case DROP_COLUMN:
                return List.of(state.columnExists(target, c.column())
                        ? TargetDdl.of(DdlClass.DROP_COLUMN, target, text, alter + "DROP COLUMN " + Identifiers.quoteMysql(c.column()))
                        : TargetDdl.noop(DdlClass.DROP_COLUMN, target, text, "column " + c.column() + " is already absent"));
            case MODIFY_COLUMN: {
                SourceColumn sc = column(tc, c, c.column());
                return List.of(TargetDdl.of(DdlClass.MODIFY_COLUMN, target, text,
                        alter + "MODIFY COLUMN " + SourceColumnMapper.columnDefinition(sc, isPk(tc, sc.name()), clock(sc)) + pos));
            }
            case CHANGE_COLUMN: {
                SourceColumn sc = column(tc, c, c.newColumn());
                String def = SourceColumnMapper.columnDefinition(sc, isPk(tc, sc.name()), clock(sc));
                boolean oldExists = state.columnExists(target, c.column());
                if (c.column().equalsIgnoreCase(c.newColumn()) && !c.column().equals(c.newColumn()) && oldExists) {
                    return List.of(TargetDdl.of(DdlClass.CHANGE_COLUMN, target, text,
                            alter + "CHANGE COLUMN " + Identifiers.quoteMysql(c.column()) + " " + def + pos));
                }
                if (c.column().equalsIgnoreCase(c.newColumn()) || !oldExists && state.columnExists(target, c.newColumn())) {
                    return List.of(TargetDdl.of(DdlClass.CHANGE_COLUMN, target, text, alter + "MODIFY COLUMN " + def + pos));
                }
                return List.of(TargetDdl.of(DdlClass.CHANGE_COLUMN, target, text,
                        alter + "CHANGE COLUMN " + Identifiers.quoteMysql(c.column()) + " " + def + pos));
            }
            case ADD_INDEX:
                return List.of(addIndex(target, c.index(), text, state, false));
            case DROP_INDEX:
                return List.of(dropIndex(target, c.indexName(), text, state));
            case RENAME_TABLE:
                return List.of(rename(target, router.apply(c.renameTo().withDefaultDatabase(src.database())), text, state));
            default:
                return List.of(new TargetDdl(DdlClass.OTHER, target, List.of(), text, "ALTER TABLE clause not synchronized", null));
        }
    }

    private TargetDdl addIndex(TableId target, IndexSpec idx, String text, TargetState state, boolean createIndexStatement) {
        if (idx.kind() == IndexKind.PRIMARY) {
            return state.indexExists(target, "PRIMARY") ? TargetDdl.noop(DdlClass.ADD_INDEX, target, text, "primary key already exists")
                    : TargetDdl.of(DdlClass.ADD_INDEX, target, text, "ALTER TABLE " + target.quoted() + " ADD PRIMARY KEY " + idx.partsSql());
        }
        if (idx.name() != null && state.indexExists(target, idx.name())) {
            return TargetDdl.noop(DdlClass.ADD_INDEX, target, text, "index " + idx.name() + " already exists");
        }
        String kind = switch (idx.kind()) {
            case UNIQUE -> "UNIQUE INDEX";
            case FULLTEXT -> "FULLTEXT INDEX";
            case SPATIAL -> "SPATIAL INDEX";
            default -> "INDEX";
        };
        String name = idx.name() == null ? "" : " " + Identifiers.quoteMysql(idx.name());
        if (createIndexStatement && idx.name() != null) {
            return TargetDdl.of(DdlClass.ADD_INDEX, target, text,
                    "CREATE " + kind + name + " ON " + target.quoted() + " " + idx.partsSql());
        }
        return TargetDdl.of(DdlClass.ADD_INDEX, target, text, "ALTER TABLE " + target.quoted() + " ADD " + kind + name + " " + idx.partsSql());
    }

    private TargetDdl dropIndex(TableId target, String index, String text, TargetState state) {
        if (!state.indexExists(target, index)) {
            return TargetDdl.noop(DdlClass.DROP_INDEX, target, text, "index " + index + " is already absent");
        }
        if (index.equalsIgnoreCase("PRIMARY")) {
            return TargetDdl.of(DdlClass.DROP_INDEX, target, text, "ALTER TABLE " + target.quoted() + " DROP PRIMARY KEY");
        }
        return TargetDdl.of(DdlClass.DROP_INDEX, target, text, "ALTER TABLE " + target.quoted() + " DROP INDEX " + Identifiers.quoteMysql(index));
    }

    private static TargetDdl rename(TableId from, TableId to, String text, TargetState state) {
        if (from.equals(to)) {
            return TargetDdl.noop(DdlClass.RENAME_TABLE, from, text, "both names route to the same target table");
        }
        if (!state.tableExists(from) && state.tableExists(to)) {
            return TargetDdl.noop(DdlClass.RENAME_TABLE, from, text, "already renamed to " + to);
        }
        List<String> sql = new ArrayList<>();
        if (to.database() != null && !to.database().isEmpty() && !to.database().equals(from.database())) {
            sql.add("CREATE DATABASE IF NOT EXISTS " + Identifiers.quoteMysql(to.database()) + " DEFAULT CHARACTER SET utf8mb4");
        }
        sql.add("RENAME TABLE " + from.quoted() + " TO " + to.quoted());
        return new TargetDdl(DdlClass.RENAME_TABLE, from, List.copyOf(sql), text, "to " + to, null);
    }

    private CurrentTimestampClauses clock(SourceColumn c) {
        CurrentTimestampClauses k = clocks.get(c.name().toLowerCase(java.util.Locale.ROOT));
        return k != null ? k : clocks.get(c.name().replace("``", "`").toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean isPk(TableChange tc, String column) {
        return tc != null && tc.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(column));
    }

    private static TableChange requireTableChange(TableChange tc, AlterClause c) {
        if (tc == null) {
            throw new SourceColumnMapper.UnsupportedColumnException("the event carries no table definition (tableChanges) for: " + c.text());
        }
        return tc;
    }

    private static SourceColumn column(TableChange tc, AlterClause c, String name) {
        SourceColumn sc = requireTableChange(tc, c).column(name);
        if (sc == null) {
            throw new SourceColumnMapper.UnsupportedColumnException("column " + name + " is not in the table definition the event carries");
        }
        return sc;
    }

    /** The tableChanges entry of a table (case-insensitive), or the only entry when names differ (e.g. unqualified ids). */
    static TableChange tableChange(SchemaChange change, Name table) {
        for (TableChange tc : change.tableChanges()) {
            if (tc.id() != null && tc.id().table().equalsIgnoreCase(table.table())
                    && (tc.id().database() == null || table.database() == null || tc.id().database().equalsIgnoreCase(table.database()))) {
                return tc;
            }
        }
        return change.tableChanges().size() == 1 ? change.tableChanges().get(0) : null;
    }
}
