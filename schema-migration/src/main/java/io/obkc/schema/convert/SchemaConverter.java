package io.obkc.schema.convert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.schema.model.CheckDef;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.ForeignKeyDef;
import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.OtherObject;
import io.obkc.schema.model.SourceSchema;
import io.obkc.schema.model.TableDef;
import io.obkc.schema.model.ViewDef;

/**
 * Converts a source schema to OceanBase MySQL-mode DDL: names through the rule engine, columns through the
 * engine's {@link TypeMapper}, OceanBase limits, the no-primary-key policy, and deferral of foreign keys, CHECK
 * constraints and (optionally) secondary indexes. Pure: touches no database.
 */
public final class SchemaConverter {
    public static final int MAX_IDENTIFIER = Identifiers.MYSQL_MAX_IDENTIFIER_LENGTH;
    public static final int MAX_INDEX_KEY_BYTES = 16_384;
    public static final long MAX_ROW_BYTES = 1_572_864; // 1.5 MB
    static final Set<String> TEXT_FAMILY = Set.of("tinytext", "text", "mediumtext", "longtext");
    static final Set<String> BLOB_FAMILY = Set.of("tinyblob", "blob", "mediumblob", "longblob");
    /** Reserved words of MySQL/OceanBase MySQL mode that commonly appear as names. */
    static final Set<String> RESERVED = Set.of("add", "all", "alter", "analyze", "and", "as", "asc", "before", "between",
            "by", "call", "case", "change", "check", "column", "condition", "constraint", "create", "cross", "current_date",
            "current_time", "current_timestamp", "current_user", "database", "databases", "default", "delete", "desc",
            "describe", "distinct", "div", "drop", "else", "exists", "explain", "false", "fetch", "for", "force", "foreign",
            "from", "fulltext", "function", "grant", "group", "groups", "having", "if", "ignore", "in", "index", "inner",
            "insert", "interval", "into", "is", "join", "key", "keys", "kill", "leading", "left", "like", "limit", "lines",
            "load", "lock", "match", "not", "null", "number", "of", "on", "option", "or", "order", "outer", "partition",
            "primary", "procedure", "range", "rank", "read", "references", "regexp", "rename", "repeat", "replace", "require",
            "restrict", "return", "revoke", "right", "row", "rows", "schema", "select", "set", "show", "sql", "table", "then",
            "to", "trigger", "true", "union", "unique", "update", "usage", "use", "using", "values", "when", "where", "while",
            "window", "with", "write", "xor");

    private final TypeMapper mapper;
    private final TargetCapabilities target;
    private final ConversionOptions options;
    private final OceanBaseDdlWriter writer = new OceanBaseDdlWriter();
    /** MySQL/MariaDB source: changes reach the target through the binlog, which lacks foreign-key cascades. */
    private boolean binlogSource;
    /** Source tables by name: views look up the types of the columns they use. */
    private Map<ObjectName, TableDef> sourceTables = Map.of();

    public SchemaConverter(TypeMapper mapper, TargetCapabilities target, ConversionOptions options) {
        this.mapper = mapper;
        this.target = target;
        this.options = options;
    }

    /**
     * @param naming source name -> target name (rule engine renames, PostgreSQL schema mapping); empty: not selected
     */
    public ConversionResult convert(SourceSchema schema, Function<ObjectName, Optional<ObjectName>> naming) {
        binlogSource = schema.engine == SourceSchema.Engine.MYSQL;
        sourceTables = new HashMap<>();
        schema.tables.forEach(t -> sourceTables.put(new ObjectName(t.database, t.name), t));
        schema.viewColumns.forEach(t -> sourceTables.put(new ObjectName(t.database, t.name), t));
        ConversionResult result = new ConversionResult(schema.engine.name(), schema.serverVersion, target.version());
        Map<ObjectName, ObjectName> renames = new LinkedHashMap<>();
        for (TableDef t : schema.tables) {
            naming.apply(new ObjectName(t.database, t.name)).ifPresent(n -> renames.put(new ObjectName(t.database, t.name), n));
        }
        for (ViewDef v : schema.views) {
            naming.apply(new ObjectName(v.database(), v.name())).ifPresent(n -> renames.put(new ObjectName(v.database(), v.name()), n));
        }
        Map<ObjectName, ObjectReport> byTarget = new HashMap<>();
        for (TableDef t : schema.tables) {
            ObjectName src = new ObjectName(t.database, t.name);
            ObjectName dst = renames.get(src);
            if (dst == null) {
                continue;
            }
            ObjectReport first = byTarget.get(dst);
            if (first != null) {
                result.tables.add(merged(t, dst, first));
                continue;
            }
            ObjectReport r = convertTable(t, dst, renames);
            byTarget.put(dst, r);
            result.tables.add(r);
            if (!r.failed()) {
                result.databases.add(dst.database());
            }
        }
        for (ViewDef v : schema.views) {
            ObjectName dst = renames.get(new ObjectName(v.database(), v.name()));
            if (dst != null) {
                result.views.add(convertView(v, dst, renames));
                result.databases.add(dst.database());
            }
        }
        for (OtherObject o : schema.others) {
            result.others.add(ObjectReport.reportOnly(o.kind(), o.database() + "." + o.name(), o.kind().equals("PARTITION")
                    ? o.detail() : o.detail() + ": not migrated; create it on the target by hand after switchover"));
        }
        return result;
    }

    private ObjectReport merged(TableDef t, ObjectName dst, ObjectReport first) {
        ObjectReport r = new ObjectReport("TABLE", t.qualifiedName());
        r.target = dst.toString();
        r.warnings.add("many-to-one: rows go into " + dst + ", created from " + first.source);
        if (first.targetTable != null) {
            List<String> mine = t.columns.stream().map(c -> c.name).toList();
            List<String> theirs = first.targetTable.columns.stream().map(c -> c.name)
                    .filter(n -> !n.equals(options.hiddenKeyColumn())).toList();
            if (!mine.equals(theirs)) {
                r.warnings.add("columns " + mine + " differ from those of the target " + theirs);
            }
        }
        if (first.failed()) {
            r.fail("target " + dst + " could not be converted from " + first.source + ": " + first.error);
        }
        return r;
    }

    ObjectReport convertTable(TableDef src, ObjectName dst, Map<ObjectName, ObjectName> renames) {
        ObjectReport r = new ObjectReport("TABLE", src.qualifiedName());
        r.target = dst.toString();
        r.sourceTable = src;
        try {
            checkName("database", dst.database(), src.qualifiedName(), r);
            checkName("table", dst.table(), src.qualifiedName(), r);
            if (r.failed()) {
                return r;
            }
            r.warnings.addAll(src.notes);
            MappingContext ctx = new MappingContext(src, target);
            TableDef t = new TableDef(dst.database(), dst.table());
            t.comment = src.comment;
            t.autoIncrement = src.autoIncrement;
            TargetCapabilities.Collation tc = target.map(src.charset, src.collation);
            t.charset = tc.charset();
            t.collation = tc.collation();
            if (options.keyCollation() != null && (!target.supportsCollation(options.keyCollation())
                    || !options.keyCollation().toLowerCase(Locale.ROOT).startsWith("utf8mb4_"))) {
                r.fail(src.qualifiedName() + ": --key-collation " + options.keyCollation() + " is not a utf8mb4 collation of the target");
                return r;
            }
            if (tc.warning() != null && src.collation != null) {
                ctx.warn("table: " + tc.warning());
            }
            for (ColumnDef c : src.columns) {
                checkName("column", c.name, src.qualifiedName(), r);
                try {
                    ColumnDef mapped = mapper.map(c, ctx);
                    if (mapped.collation != null && mapped.collation.equalsIgnoreCase(t.collation)) {
                        mapped.collation = null; // inherits the table's
                    }
                    t.columns.add(mapped);
                } catch (UnsupportedSourceTypeException e) {
                    r.fail(src.qualifiedName() + ": " + e.getMessage());
                }
            }
            if (r.failed()) {
                return r;
            }
            t.partitioning = src.partitioning;
            t.partitionColumns = new ArrayList<>(src.partitionColumns);
            List<IndexDef> indexes = new ArrayList<>();
            for (IndexDef i : src.indexes) {
                IndexDef converted = convertIndex(i, t, ctx, r);
                if (converted != null) {
                    indexes.add(converted);
                }
            }
            if (r.failed()) {
                return r;
            }
            fitTextKeyParts(indexes, t, ctx);
            List<IndexDef> fitted = new ArrayList<>();
            for (IndexDef i : indexes) {
                IndexDef f = fitKeyLength(i, t, ctx, r);
                if (f != null) {
                    fitted.add(f);
                }
            }
            if (r.failed()) {
                return r;
            }
            ensureAutoIncrementIsKey(t, fitted, ctx);
            applyKeyCollation(t, fitted, ctx);
            chooseRowKey(t, fitted, ctx, r);
            t.indexes = fitted;
            checkRowSize(t, ctx);
            List<IndexDef> inline = new ArrayList<>();
            List<IndexDef> later = new ArrayList<>();
            for (IndexDef i : t.indexes) {
                boolean secondary = !i.isUnique();
                (secondary && options.indexCreation() == ConversionOptions.IndexCreation.AFTER ? later : inline).add(i);
            }
            r.ddl.add(writer.createTable(t, inline));
            for (IndexDef i : later) {
                r.deferred.add(new DeferredObject("INDEX", t.database, t.name, i.name(), DeferredObject.AFTER_FULL_LOAD,
                        writer.createIndex(t.database, t.name, i)));
            }
            for (ForeignKeyDef fk : src.foreignKeys) {
                ObjectName ref = renames.get(new ObjectName(fk.refDatabase(), fk.refTable()));
                if (ref == null) {
                    ctx.warn("foreign key " + fk.name() + " references " + fk.refDatabase() + "." + fk.refTable()
                            + ", which is not migrated: foreign key dropped");
                    continue;
                }
                warnIfCascadeIsNotReplicated(fk, ctx);
                ForeignKeyDef tf = new ForeignKeyDef(shorten(fk.name(), ctx, "foreign key"), fk.columns(), ref.database(),
                        ref.table(), fk.refColumns(), fk.onDelete(), fk.onUpdate());
                t.foreignKeys.add(tf);
                r.deferred.add(new DeferredObject("FOREIGN_KEY", t.database, t.name, tf.name(), DeferredObject.SWITCHOVER,
                        writer.addForeignKey(t.database, t.name, tf)));
            }
            for (CheckDef ch : src.checks) {
                CheckDef tch = new CheckDef(shorten(ch.name(), ctx, "check constraint"), mapper.expression(ch.expression()));
                t.checks.add(tch);
                r.deferred.add(new DeferredObject("CHECK", t.database, t.name, tch.name(), DeferredObject.SWITCHOVER,
                        writer.addCheck(t.database, t.name, tch)));
            }
            r.warnings.addAll(ctx.warnings());
            r.targetTable = t;
        } catch (RuntimeException e) {
            r.fail(src.qualifiedName() + ": conversion error: " + e);
        }
        return r;
    }

    /**
     * MySQL and MariaDB apply ON DELETE/ON UPDATE CASCADE and SET NULL/SET DEFAULT inside the storage engine and do
     * not write the rows they change to the binlog, so change capture never sees them: the target keeps orphan or
     * stale child rows until switchover (PostgreSQL's logical decoding does include them).
     */
    private void warnIfCascadeIsNotReplicated(ForeignKeyDef fk, MappingContext ctx) {
        if (!binlogSource) {
            return;
        }
        List<String> actions = new ArrayList<>();
        if (changesChildRows(fk.onDelete())) {
            actions.add("ON DELETE " + fk.onDelete().toUpperCase(Locale.ROOT));
        }
        if (changesChildRows(fk.onUpdate())) {
            actions.add("ON UPDATE " + fk.onUpdate().toUpperCase(Locale.ROOT));
        }
        if (!actions.isEmpty()) {
            ctx.warn("foreign key " + fk.name() + " " + fk.columns() + " -> " + fk.refDatabase() + "." + fk.refTable() + " "
                    + String.join(" ", actions) + ": rows the source changes through this action are not in the binlog, so "
                    + "incremental sync does not replicate them (child rows stay on the target after a cascading delete). "
                    + "Until switchover, change child rows explicitly on the source, or re-check the child table with obkc-verify");
        }
    }

    private static boolean changesChildRows(String action) {
        return action != null && switch (action.toUpperCase(Locale.ROOT)) {
            case "CASCADE", "SET NULL", "SET DEFAULT" -> true;
            default -> false;
        };
    }

    private IndexDef convertIndex(IndexDef i, TableDef t, MappingContext ctx, ObjectReport r) {
        List<IndexDef.Part> parts = new ArrayList<>();
        for (IndexDef.Part p : i.parts()) {
            if (p.descending()) {
                ctx.warn("index " + i.name() + ": DESC key order dropped (OceanBase 4.2 builds ascending indexes only)");
            }
            if (p.isExpression()) {
                parts.add(new IndexDef.Part(null, mapper.expression(p.expression()), null, false));
            } else {
                if (t.column(p.column()).isEmpty()) {
                    r.fail(t.database + "." + t.name + ": index " + i.name() + " names unknown column " + p.column());
                    return null;
                }
                parts.add(new IndexDef.Part(p.column(), null, p.prefixLength(), false));
            }
        }
        String name = i.kind() == IndexDef.Kind.PRIMARY ? "PRIMARY" : shorten(i.name(), ctx, "index");
        IndexDef.Kind kind = i.kind();
        if (kind == IndexDef.Kind.UNIQUE && !t.partitionColumns.isEmpty() && !i.columnNames().containsAll(t.partitionColumns)) {
            ctx.warn("unique key " + i.name() + " does not include the partitioning columns " + t.partitionColumns
                    + ": created as a non-unique index (OceanBase requires the partition key in every unique key)");
            kind = IndexDef.Kind.INDEX;
        }
        if (kind == IndexDef.Kind.PRIMARY && !t.partitionColumns.isEmpty() && !i.columnNames().containsAll(t.partitionColumns)) {
            r.fail(t.database + "." + t.name + ": the primary key does not include the partitioning columns "
                    + t.partitionColumns + "; OceanBase requires the partition key in the primary key");
            return null;
        }
        return new IndexDef(name, kind, parts, i.comment());
    }

    /**
     * Unbounded text/binary columns (PostgreSQL text, bytea) that are key parts without a prefix become VARCHAR /
     * VARBINARY sized to fit the 16 KB key limit, because OceanBase cannot index LOB columns.
     */
    private void fitTextKeyParts(List<IndexDef> indexes, TableDef t, MappingContext ctx) {
        Map<String, Long> budget = new LinkedHashMap<>();
        for (IndexDef i : indexes) {
            if (i.kind() == IndexDef.Kind.FULLTEXT || i.kind() == IndexDef.Kind.SPATIAL) {
                continue;
            }
            List<ColumnDef> lobParts = new ArrayList<>();
            long fixedBytes = 0;
            for (IndexDef.Part p : i.parts()) {
                if (p.column() == null) {
                    continue;
                }
                ColumnDef c = t.column(p.column()).orElseThrow();
                if ((TEXT_FAMILY.contains(c.dataType) || BLOB_FAMILY.contains(c.dataType)) && p.prefixLength() == null) {
                    lobParts.add(c);
                } else {
                    fixedBytes += keyBytes(c, p.prefixLength());
                }
            }
            for (ColumnDef c : lobParts) {
                long bytesEach = Math.max(1, (MAX_INDEX_KEY_BYTES - fixedBytes) / lobParts.size());
                budget.merge(c.name, bytesEach, Math::min);
            }
        }
        budget.forEach((name, bytes) -> {
            ColumnDef c = t.column(name).orElseThrow();
            boolean text = TEXT_FAMILY.contains(c.dataType);
            long n = text ? bytes / TargetCapabilities.maxBytesPerChar(c.charset == null ? t.charset : c.charset) : bytes;
            n = Math.min(n, text ? 4096 : 16_384);
            String from = c.columnType;
            c.dataType = text ? "varchar" : "varbinary";
            c.columnType = c.dataType + "(" + n + ")";
            c.length = n;
            ctx.warn("column " + name + ": " + from + " is a key part; OceanBase cannot index LOBs, so it is " + c.columnType
                    + " (longer values are rejected)");
        });
    }

    /** Enforces the 16 KB key limit: secondary indexes get prefix lengths, unique keys fail with the reason. */
    private IndexDef fitKeyLength(IndexDef i, TableDef t, MappingContext ctx, ObjectReport r) {
        if (i.kind() == IndexDef.Kind.FULLTEXT || i.kind() == IndexDef.Kind.SPATIAL) {
            return i;
        }
        long total = 0;
        long stringBytes = 0;
        int stringParts = 0;
        for (IndexDef.Part p : i.parts()) {
            if (p.column() == null) {
                continue;
            }
            ColumnDef c = t.column(p.column()).orElseThrow();
            long b = keyBytes(c, p.prefixLength());
            total += b;
            if (isString(c)) {
                stringBytes += b;
                stringParts++;
            }
        }
        if (total <= MAX_INDEX_KEY_BYTES) {
            return i;
        }
        if (i.isUnique()) {
            r.fail(t.database + "." + t.name + ": " + (i.kind() == IndexDef.Kind.PRIMARY ? "primary key" : "unique key " + i.name())
                    + " is up to " + total + " bytes, over OceanBase's " + MAX_INDEX_KEY_BYTES + "-byte index key limit");
            return null;
        }
        long room = MAX_INDEX_KEY_BYTES - (total - stringBytes);
        List<IndexDef.Part> parts = new ArrayList<>();
        for (IndexDef.Part p : i.parts()) {
            ColumnDef c = p.column() == null ? null : t.column(p.column()).orElseThrow();
            if (c != null && isString(c) && stringParts > 0) {
                int bpc = c.dataType.contains("binary") || c.dataType.contains("blob") ? 1
                        : TargetCapabilities.maxBytesPerChar(c.charset == null ? t.charset : c.charset);
                int prefix = (int) Math.max(1, room / stringParts / bpc);
                parts.add(new IndexDef.Part(p.column(), null, p.prefixLength() == null ? prefix : Math.min(prefix, p.prefixLength()), false));
            } else {
                parts.add(p);
            }
        }
        ctx.warn("index " + i.name() + ": key of up to " + total + " bytes exceeds OceanBase's " + MAX_INDEX_KEY_BYTES
                + "-byte limit; string key parts shortened to prefixes");
        return new IndexDef(i.name(), i.kind(), parts, i.comment());
    }

    /** {@code --key-collation}: string columns of primary and unique keys get that collation instead of the mapped one. */
    private void applyKeyCollation(TableDef t, List<IndexDef> indexes, MappingContext ctx) {
        String collation = options.keyCollation();
        if (collation == null) {
            return;
        }
        for (IndexDef i : indexes) {
            if (!i.isUnique()) {
                continue;
            }
            for (String name : i.columnNames()) {
                ColumnDef c = name == null ? null : t.column(name).orElse(null);
                if (c != null && isCharacter(c) && !collation.equalsIgnoreCase(effectiveCollation(c, t))) {
                    ctx.warn("column " + c.name + ": key column collation " + effectiveCollation(c, t) + " replaced by "
                            + collation + " (--key-collation)");
                    c.charset = TargetCapabilities.DEFAULT_CHARSET;
                    c.collation = collation;
                }
            }
        }
    }

    /** The collation a target column compares with: its own, or the table's. */
    public static String effectiveCollation(ColumnDef c, TableDef t) {
        return c.collation != null ? c.collation : t.collation;
    }

    /** Character (not binary) string columns: the ones whose comparison depends on a collation. */
    public static boolean isCharacter(ColumnDef c) {
        return c.dataType.contains("char") || TEXT_FAMILY.contains(c.dataType) || c.dataType.equals("enum") || c.dataType.equals("set");
    }

    /** OceanBase, like MySQL, allows one AUTO_INCREMENT column and it must lead a key (PostgreSQL has no such rule). */
    private void ensureAutoIncrementIsKey(TableDef t, List<IndexDef> indexes, MappingContext ctx) {
        boolean seen = false;
        for (ColumnDef c : t.columns) {
            if (!c.autoIncrement) {
                continue;
            }
            if (seen) {
                c.autoIncrement = false;
                ctx.warn("column " + c.name + ": only one AUTO_INCREMENT column is allowed; this one is a plain integer");
                continue;
            }
            seen = true;
            boolean leads = indexes.stream().anyMatch(i -> !i.parts().isEmpty() && c.name.equals(i.parts().get(0).column()));
            if (!leads) {
                String name = shortenRaw(c.name + "_autoinc");
                indexes.add(new IndexDef(name, IndexDef.Kind.INDEX, List.of(IndexDef.Part.column(c.name)), null));
                ctx.warn("column " + c.name + ": AUTO_INCREMENT column must lead a key: added index " + name);
            }
        }
    }

    private void chooseRowKey(TableDef t, List<IndexDef> indexes, MappingContext ctx, ObjectReport r) {
        Optional<IndexDef> pk = indexes.stream().filter(i -> i.kind() == IndexDef.Kind.PRIMARY).findFirst();
        if (pk.isPresent()) {
            r.rowKey = new RowKey(t.database, t.name, "PRIMARY", "PRIMARY", pk.get().columnNames());
            return;
        }
        for (IndexDef i : indexes) {
            if (i.kind() == IndexDef.Kind.UNIQUE && i.parts().stream().allMatch(p -> p.column() != null && p.prefixLength() == null
                    && !t.column(p.column()).orElseThrow().nullable)) {
                r.rowKey = new RowKey(t.database, t.name, "UNIQUE", i.name(), i.columnNames());
                ctx.warn("no primary key: the non-null unique key " + i.name() + " identifies rows");
                return;
            }
        }
        String col = options.hiddenKeyColumn();
        if (t.column(col).isPresent()) {
            r.fail(t.database + "." + t.name + ": has no primary key and already has a column named " + col
                    + "; choose another --hidden-key-column");
            return;
        }
        boolean otherAutoIncrement = t.columns.stream().anyMatch(c -> c.autoIncrement);
        ColumnDef hidden = new ColumnDef(col, "bigint", "bigint");
        hidden.nullable = otherAutoIncrement;
        hidden.autoIncrement = !otherAutoIncrement;
        hidden.comment = "OBKC: hidden key for migration, dropped at switchover";
        t.columns.add(hidden);
        List<IndexDef.Part> parts = new ArrayList<>();
        t.partitionColumns.forEach(p -> parts.add(IndexDef.Part.column(p)));
        parts.add(IndexDef.Part.column(col));
        String index = shortenRaw(col + "_uk_" + t.name);
        indexes.add(0, new IndexDef(index, IndexDef.Kind.UNIQUE, parts, null));
        r.hiddenKey = new HiddenKey(t.database, t.name, col, index, writer.dropHiddenKey(t.database, t.name, col, index));
        r.rowKey = new RowKey(t.database, t.name, "HIDDEN", index, parts.stream().map(IndexDef.Part::column).toList());
        ctx.warn("no primary key and no non-null unique key: added hidden column " + col + " with unique key " + index
                + " (dropped at switchover)" + (otherAutoIncrement ? "; the table already has an AUTO_INCREMENT column, so "
                + col + " is not auto-filled" : ""));
    }

    private void checkRowSize(TableDef t, MappingContext ctx) {
        long bytes = 0;
        for (ColumnDef c : t.columns) {
            if (!TEXT_FAMILY.contains(c.dataType) && !BLOB_FAMILY.contains(c.dataType) && !c.dataType.equals("json")) {
                bytes += keyBytes(c, null);
            }
        }
        if (bytes > MAX_ROW_BYTES) {
            ctx.warn("rows can be up to " + bytes + " bytes, over OceanBase's 1.5 MB row limit; wide rows will be rejected");
        }
    }

    private ObjectReport convertView(ViewDef v, ObjectName dst, Map<ObjectName, ObjectName> renames) {
        ObjectReport r = new ObjectReport("VIEW", v.database() + "." + v.name());
        r.target = dst.toString();
        checkName("database", dst.database(), r.source, r);
        checkName("view", dst.table(), r.source, r);
        if (r.failed()) {
            return r;
        }
        r.sourceDefinition = v.definition();
        try {
            TranslatedView view = mapper.viewDefinition(v.database(), v.definition(), renames, sourceTables);
            r.ddl.add(writer.createView(dst.database(), dst.table(), view.select()));
            r.warnings.addAll(view.warnings());
        } catch (UntranslatableViewException e) {
            r.notMigrated("view not migrated: " + e.getMessage() + "; create it by hand on the target. Source definition: "
                    + v.definition().strip());
        } catch (RuntimeException e) {
            r.fail(r.source + ": cannot convert the view definition: " + e.getMessage());
        }
        return r;
    }

    private static void checkName(String what, String name, String object, ObjectReport r) {
        if (name.length() > MAX_IDENTIFIER) {
            r.fail(object + ": " + what + " name '" + name + "' is " + name.length() + " characters; OceanBase allows "
                    + MAX_IDENTIFIER + " (rename it with a rule such as db.t=db.shorter)");
        } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            String w = what + " name '" + name + "' is a reserved word: always quoted by OBKC, quote it in application SQL too";
            if (!r.warnings.contains(w)) {
                r.warnings.add(w);
            }
        }
    }

    private static String shorten(String name, MappingContext ctx, String what) {
        String s = shortenRaw(name);
        if (!s.equals(name)) {
            ctx.warn(what + " name '" + name + "' is over " + MAX_IDENTIFIER + " characters: renamed " + s);
        }
        return s;
    }

    static String shortenRaw(String name) {
        if (name.length() <= MAX_IDENTIFIER) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String h = String.format("%08x", crc.getValue());
        return name.substring(0, MAX_IDENTIFIER - 9) + "_" + h;
    }

    private static boolean isString(ColumnDef c) {
        return c.dataType.contains("char") || c.dataType.contains("binary") || TEXT_FAMILY.contains(c.dataType)
                || BLOB_FAMILY.contains(c.dataType);
    }

    /** Upper bound of the bytes a column (or its prefix) takes in an index key or a row. */
    static long keyBytes(ColumnDef c, Integer prefix) {
        String dt = c.dataType;
        if (isString(c)) {
            long chars = prefix != null ? prefix : c.length != null ? c.length : 65_535;
            int bpc = dt.contains("binary") || dt.contains("blob") ? 1 : TargetCapabilities.maxBytesPerChar(c.charset);
            return chars * bpc;
        }
        return switch (dt) {
            case "tinyint", "year" -> 1;
            case "smallint", "enum" -> 2;
            case "mediumint", "date" -> 3;
            case "int", "integer", "float" -> 4;
            case "decimal", "numeric" -> c.precision == null ? 30 : (c.precision / 9 + 1) * 4L;
            default -> 8;
        };
    }
}
