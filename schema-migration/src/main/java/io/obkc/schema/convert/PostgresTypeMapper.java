package io.obkc.schema.convert;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obkc.common.rules.ObjectName;
import io.obkc.common.sql.Identifiers;
import io.obkc.common.types.MysqlTypeMapping;
import io.obkc.common.types.UnsupportedSourceTypeException;
import io.obkc.schema.model.ColumnDef;

/** PostgreSQL to OceanBase MySQL mode. The full table is in docs/type-mapping.md. */
public final class PostgresTypeMapper implements TypeMapper {
    public static final int MAX_VARCHAR = 262_144;
    private static final Pattern CAST = Pattern.compile("::\\s*(?:\"[^\"]+\"|[a-z_][\\w.]*)"
            + "(?:\\s+(?:varying|precision|with(?:out)?\\s+time\\s+zone))?(?:\\(\\d+(?:\\s*,\\s*\\d+)?\\))?(?:\\[\\])*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING_LITERAL = Pattern.compile("(?s)^'((?:[^']|'')*)'(?:::.*)?$");
    private static final Pattern NUMBER = Pattern.compile("^\\(?(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\)?(?:::.*)?$");
    private static final Pattern NOW = Pattern.compile("(?i)^(now\\(\\)|current_timestamp(\\(\\d\\))?|transaction_timestamp\\(\\)|"
            + "statement_timestamp\\(\\)|clock_timestamp\\(\\)|localtimestamp(\\(\\d\\))?)$");

    @Override
    public ColumnDef map(ColumnDef src, MappingContext ctx) {
        ColumnDef t = src.copy();
        String what = "column " + src.name;
        String dt = src.dataType.toLowerCase(Locale.ROOT);
        t.charset = null;
        t.collation = null;
        t.unsigned = false;
        switch (dt) {
            case "smallint" -> set(t, "smallint", "smallint");
            case "integer" -> set(t, "int", "int");
            case "bigint" -> set(t, "bigint", "bigint");
            case "oid", "xid", "cid" -> set(t, "int", "int unsigned");
            case "real" -> set(t, "float", "float");
            case "double precision" -> set(t, "double", "double");
            case "money" -> {
                set(t, "decimal", "decimal(19,2)");
                ctx.warn(what + ": money stored as DECIMAL(19,2) without currency formatting");
            }
            case "numeric" -> mapNumeric(t, src, ctx, what);
            case "boolean" -> set(t, "tinyint", "tinyint(1)");
            case "character varying" -> {
                if (src.length == null) {
                    set(t, "longtext", "longtext");
                } else if (src.length > MAX_VARCHAR) {
                    set(t, "longtext", "longtext");
                    ctx.warn(what + ": varchar(" + src.length + ") exceeds OceanBase's VARCHAR limit of " + MAX_VARCHAR
                            + " characters: LONGTEXT");
                } else {
                    set(t, "varchar", "varchar(" + src.length + ")");
                }
                text(t);
            }
            case "character" -> {
                long n = src.length == null ? 1 : src.length;
                set(t, n <= 255 ? "char" : n <= MAX_VARCHAR ? "varchar" : "longtext",
                        n <= 255 ? "char(" + n + ")" : n <= MAX_VARCHAR ? "varchar(" + n + ")" : "longtext");
                text(t);
            }
            case "\"char\"", "char" -> {
                set(t, "char", "char(1)");
                text(t);
            }
            case "name" -> {
                set(t, "varchar", "varchar(64)");
                text(t);
            }
            case "text", "xml", "tsvector", "tsquery", "citext" -> {
                set(t, "longtext", "longtext");
                text(t);
                if (!dt.equals("text") && !dt.equals("citext")) {
                    ctx.warn(what + ": " + dt + " stored as LONGTEXT text");
                }
            }
            case "bytea" -> set(t, "longblob", "longblob");
            case "date" -> set(t, "date", "date");
            case "time without time zone" -> set(t, "time", fsp("time", src));
            case "time with time zone" -> {
                set(t, "time", fsp("time", src));
                ctx.warn(what + ": time with time zone stored as TIME; the offset is not kept");
            }
            case "timestamp without time zone" -> set(t, "datetime", fsp("datetime", src));
            case "timestamp with time zone" -> {
                set(t, "datetime", fsp("datetime", src));
                ctx.warn(what + ": timestamptz stored as DATETIME in UTC; the offset is not kept");
            }
            case "interval" -> {
                set(t, "varchar", "varchar(64)");
                text(t);
                ctx.warn(what + ": interval stored as VARCHAR(64) text");
            }
            case "uuid" -> {
                set(t, "char", "char(36)");
                text(t);
            }
            case "json", "jsonb" -> set(t, "json", "json");
            case "inet", "cidr" -> {
                set(t, "varchar", "varchar(43)");
                text(t);
            }
            case "macaddr" -> {
                set(t, "varchar", "varchar(17)");
                text(t);
            }
            case "macaddr8" -> {
                set(t, "varchar", "varchar(23)");
                text(t);
            }
            case "bit" -> {
                long n = src.length == null ? 1 : src.length;
                if (n <= 64) {
                    set(t, "bit", "bit(" + n + ")");
                } else {
                    set(t, "varchar", "varchar(" + n + ")");
                    text(t);
                    ctx.warn(what + ": bit(" + n + ") is wider than OceanBase's BIT(64): stored as a VARCHAR of 0/1");
                }
            }
            case "bit varying" -> {
                set(t, "varchar", "varchar(" + (src.length == null ? 65_535 : src.length) + ")");
                text(t);
                ctx.warn(what + ": bit varying stored as a VARCHAR of 0/1");
            }
            case "point", "line", "lseg", "box", "path", "polygon", "circle" -> {
                set(t, "longtext", "longtext");
                text(t);
                ctx.warn(what + ": PostgreSQL geometric type " + dt + " stored as LONGTEXT text");
            }
            case "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "int4multirange",
                    "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange" -> {
                set(t, "varchar", "varchar(255)");
                text(t);
                ctx.warn(what + ": range type " + dt + " stored as VARCHAR(255) text");
            }
            case "array" -> {
                set(t, "json", "json");
                ctx.warn(what + ": array " + src.columnType + " stored as a JSON array");
            }
            case "enum" -> {
                StringBuilder sb = new StringBuilder("enum(");
                for (int i = 0; i < src.enumValues.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(Identifiers.quoteMysqlString(src.enumValues.get(i)));
                }
                set(t, "enum", sb.append(')').toString());
                text(t);
            }
            default -> throw new UnsupportedSourceTypeException(src.name, src.columnType, "unknown type " + src.columnType);
        }
        if (src.domain != null) {
            ctx.warn(what + ": domain " + src.domain + " replaced by its base type " + t.columnType
                    + " (domain NOT NULL kept, domain CHECKs deferred as table CHECKs)");
        }
        if (t.autoIncrement && !(t.dataType.endsWith("int"))) {
            t.autoIncrement = false;
        }
        mapDefault(t, src, ctx, what);
        if (t.generationExpression != null) {
            t.generationExpression = expression(t.generationExpression);
        }
        if (t.charset != null) {
            TargetCapabilities.Collation c = ctx.target().map("utf8mb4", null);
            t.charset = c.charset();
            t.collation = c.collation();
            if (src.collation != null && !src.collation.equals("default")) {
                ctx.warn(what + ": PostgreSQL collation " + src.collation + " mapped to " + c.collation());
            }
        }
        if (t.dataType.equals("longtext") || t.dataType.equals("longblob")) {
            ctx.warn(what + ": " + t.dataType.toUpperCase(Locale.ROOT) + " values over 512 MB are rejected by OceanBase");
        }
        return t;
    }

    private static void mapNumeric(ColumnDef t, ColumnDef src, MappingContext ctx, String what) {
        if (src.precision == null) {
            set(t, "decimal", "decimal(65,30)");
            ctx.warn(what + ": numeric without precision mapped to DECIMAL(65,30): at most 35 integer and 30 fractional digits");
            return;
        }
        int p = src.precision;
        int s = src.scale == null ? 0 : src.scale;
        if (p > 65 || s > 30 || s < 0) {
            int np = Math.min(p, 65);
            int ns = Math.max(0, Math.min(s, Math.min(30, np)));
            set(t, "decimal", "decimal(" + np + "," + ns + ")");
            ctx.warn(what + ": numeric(" + p + "," + s + ") exceeds OceanBase DECIMAL(65,30): DECIMAL(" + np + "," + ns + ")");
            return;
        }
        set(t, "decimal", "decimal(" + p + "," + s + ")");
    }

    private static String fsp(String type, ColumnDef src) {
        int p = src.datetimePrecision == null ? 6 : Math.min(6, src.datetimePrecision);
        return p == 0 ? type : type + "(" + p + ")";
    }

    private static void set(ColumnDef t, String dataType, String columnType) {
        t.dataType = dataType;
        t.columnType = columnType;
    }

    private static void text(ColumnDef t) {
        t.charset = "utf8mb4";
    }

    private void mapDefault(ColumnDef t, ColumnDef src, MappingContext ctx, String what) {
        if (src.defaultKind != ColumnDef.DefaultKind.EXPRESSION) {
            return;
        }
        String d = src.defaultValue.trim();
        Matcher str = STRING_LITERAL.matcher(d);
        Matcher num = NUMBER.matcher(d);
        if (d.toUpperCase(Locale.ROOT).startsWith("NULL")) {
            t.defaultKind = t.nullable ? ColumnDef.DefaultKind.NULL : ColumnDef.DefaultKind.NONE;
            t.defaultValue = null;
        } else if (str.matches()) {
            t.defaultKind = ColumnDef.DefaultKind.LITERAL;
            t.defaultValue = str.group(1).replace("''", "'");
            if (t.dataType.equals("tinyint") && src.dataType.equals("boolean")) {
                t.defaultValue = t.defaultValue.toLowerCase(Locale.ROOT).startsWith("t") ? "1" : "0";
            }
        } else if (num.matches()) {
            t.defaultKind = ColumnDef.DefaultKind.LITERAL;
            t.defaultValue = num.group(1);
        } else if (d.equalsIgnoreCase("true") || d.equalsIgnoreCase("false")) {
            t.defaultKind = ColumnDef.DefaultKind.LITERAL;
            t.defaultValue = d.equalsIgnoreCase("true") ? "1" : "0";
        } else if (NOW.matcher(d).matches() && (t.dataType.equals("datetime") || t.dataType.equals("timestamp"))) {
            t.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
            t.defaultValue = MysqlTypeMapping.normalizeCurrentTimestamp("CURRENT_TIMESTAMP", fspOf(t.columnType));
        } else if (d.equalsIgnoreCase("CURRENT_DATE") && t.dataType.equals("date")) {
            t.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
            t.defaultValue = "(CURRENT_DATE)";
        } else if (d.matches("(?i)^(gen_random_uuid|uuid_generate_v4)\\(\\)$")) {
            t.defaultKind = ColumnDef.DefaultKind.EXPRESSION;
            t.defaultValue = "(uuid())";
        } else {
            ctx.warn(what + ": default " + d + " has no OceanBase equivalent: dropped");
            t.defaultKind = t.nullable ? ColumnDef.DefaultKind.NULL : ColumnDef.DefaultKind.NONE;
            t.defaultValue = null;
            return;
        }
        if (t.defaultKind == ColumnDef.DefaultKind.LITERAL && MysqlTypeMapping.isLobLike(t.dataType)) {
            MysqlTypeMapper.dropLobDefault(t, ctx, what);
        }
    }

    private static Integer fspOf(String columnType) {
        Matcher m = Pattern.compile("\\((\\d)\\)").matcher(columnType);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Best effort: drops casts, turns "quoted" names into `quoted`, = ANY (ARRAY[...]) into IN (...), ~~ into LIKE. */
    @Override
    public String expression(String e) {
        String out = removeCasts(e);
        for (String[] op : new String[][] {{"\\s*=\\s*ANY", " IN "}, {"\\s*<>\\s*ALL", " NOT IN "}}) {
            out = out.replaceAll("(?i)" + op[0] + "\\s*\\(\\s*\\(\\s*ARRAY\\[(.*?)\\]\\s*\\)\\s*\\)", op[1] + "($1)");
            out = out.replaceAll("(?i)" + op[0] + "\\s*\\(\\s*ARRAY\\[(.*?)\\]\\s*\\)", op[1] + "($1)");
        }
        out = out.replace("!~~*", "NOT LIKE").replace("~~*", "LIKE").replace("!~~", "NOT LIKE").replace("~~", "LIKE");
        return quotedNamesToBackticks(out);
    }

    static String removeCasts(String s) {
        // Only outside string literals.
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\'') {
                int j = i + 1;
                while (j < s.length() && !(s.charAt(j) == '\'' && (j + 1 >= s.length() || s.charAt(j + 1) != '\''))) {
                    j += s.charAt(j) == '\'' ? 2 : 1;
                }
                out.append(s, i, Math.min(j + 1, s.length()));
                i = j + 1;
                continue;
            }
            Matcher m = CAST.matcher(s);
            if (ch == ':' && m.find(i) && m.start() == i) {
                i = m.end();
                continue;
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    static String quotedNamesToBackticks(String s) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') {
                inString = !inString;
                out.append(ch);
            } else if (ch == '"' && !inString) {
                int j = i + 1;
                StringBuilder name = new StringBuilder();
                while (j < s.length()) {
                    if (s.charAt(j) == '"' && j + 1 < s.length() && s.charAt(j + 1) == '"') {
                        name.append('"');
                        j += 2;
                    } else if (s.charAt(j) == '"') {
                        break;
                    } else {
                        name.append(s.charAt(j++));
                    }
                }
                out.append(Identifiers.quoteMysql(name.toString()));
                i = j;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Parsed and rewritten by {@link ViewSqlTranslator}; throws {@link UntranslatableViewException} naming the construct. */
    @Override
    public TranslatedView viewDefinition(String sourceSchema, String definition, Map<ObjectName, ObjectName> renames,
            Map<ObjectName, io.obkc.schema.model.TableDef> sourceTables) {
        return new ViewSqlTranslator(ViewSqlTranslator.Dialect.POSTGRESQL, sourceSchema, renames, sourceTables).translate(definition);
    }
}
