package io.obkc.schema.convert;

import static io.obkc.common.sql.Identifiers.quoteMysql;
import static io.obkc.common.sql.Identifiers.quoteMysqlString;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.obkc.common.types.MysqlTypeMapping;
import io.obkc.schema.model.CheckDef;
import io.obkc.schema.model.ColumnDef;
import io.obkc.schema.model.ForeignKeyDef;
import io.obkc.schema.model.IndexDef;
import io.obkc.schema.model.TableDef;

/** Writes OceanBase MySQL-mode DDL for target-side model objects. Every identifier goes through {@code Identifiers}. */
public final class OceanBaseDdlWriter {

    public String createDatabase(String database) {
        return "CREATE DATABASE IF NOT EXISTS " + quoteMysql(database);
    }

    /** CREATE TABLE with the columns and the given indexes inline. */
    public String createTable(TableDef t, List<IndexDef> inlineIndexes) {
        List<String> lines = new ArrayList<>();
        for (ColumnDef c : t.columns) {
            lines.add(column(c));
        }
        for (IndexDef i : inlineIndexes) {
            lines.add(inlineIndex(i));
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(quoteMysql(t.database, t.name)).append(" (\n  ");
        sb.append(String.join(",\n  ", lines)).append("\n)");
        if (t.charset != null) {
            sb.append(" DEFAULT CHARSET = ").append(t.charset);
        }
        if (t.collation != null) {
            sb.append(" COLLATE = ").append(t.collation);
        }
        if (t.autoIncrement != null && t.autoIncrement > 1) {
            sb.append(" AUTO_INCREMENT = ").append(t.autoIncrement);
        }
        if (t.comment != null) {
            sb.append(" COMMENT = ").append(quoteMysqlString(t.comment));
        }
        if (t.partitioning != null) {
            sb.append("\n").append(t.partitioning);
        }
        return sb.toString();
    }

    public String column(ColumnDef c) {
        StringBuilder sb = new StringBuilder(quoteMysql(c.name)).append(' ').append(c.columnType);
        if (c.collation != null) {
            sb.append(" COLLATE ").append(c.collation);
        }
        if (c.generationExpression != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generationExpression).append(") ")
                    .append(c.generatedStored ? "STORED" : "VIRTUAL");
        }
        sb.append(c.nullable ? " NULL" : " NOT NULL");
        if (c.generationExpression == null) {
            switch (c.defaultKind) {
                case NULL -> sb.append(c.nullable ? " DEFAULT NULL" : "");
                case LITERAL -> sb.append(" DEFAULT ").append(MysqlTypeMapping.literalDefault(c.defaultValue, c.columnType));
                case EXPRESSION -> sb.append(" DEFAULT ").append(c.defaultValue);
                case NONE -> {
                }
            }
        }
        if (c.autoIncrement) {
            sb.append(" AUTO_INCREMENT");
        }
        if (c.onUpdate != null) {
            sb.append(" ON UPDATE ").append(c.onUpdate);
        }
        if (c.comment != null) {
            sb.append(" COMMENT ").append(quoteMysqlString(c.comment));
        }
        return sb.toString();
    }

    public String inlineIndex(IndexDef i) {
        String head = switch (i.kind()) {
            case PRIMARY -> "PRIMARY KEY";
            case UNIQUE -> "UNIQUE KEY " + quoteMysql(i.name());
            case INDEX -> "KEY " + quoteMysql(i.name());
            case FULLTEXT -> "FULLTEXT KEY " + quoteMysql(i.name());
            case SPATIAL -> "SPATIAL KEY " + quoteMysql(i.name());
        };
        return head + " " + parts(i) + comment(i);
    }

    public String createIndex(String database, String table, IndexDef i) {
        String kind = switch (i.kind()) {
            case UNIQUE -> "UNIQUE ";
            case FULLTEXT -> "FULLTEXT ";
            case SPATIAL -> "SPATIAL ";
            default -> "";
        };
        return "CREATE " + kind + "INDEX " + quoteMysql(i.name()) + " ON " + quoteMysql(database, table) + " " + parts(i) + comment(i);
    }

    public String dropIndex(String database, String table, String index) {
        return "ALTER TABLE " + quoteMysql(database, table) + " DROP INDEX " + quoteMysql(index);
    }

    /** Two statements: OceanBase refuses a DROP INDEX and a DROP COLUMN in one ALTER TABLE (error 1235). */
    public String dropHiddenKey(String database, String table, String column, String index) {
        return "ALTER TABLE " + quoteMysql(database, table) + " DROP INDEX " + quoteMysql(index) + "; ALTER TABLE " + quoteMysql(database, table)
                + " DROP COLUMN " + quoteMysql(column);
    }

    public String addForeignKey(String database, String table, ForeignKeyDef fk) {
        StringBuilder sb = new StringBuilder("ALTER TABLE ").append(quoteMysql(database, table)).append(" ADD CONSTRAINT ")
                .append(quoteMysql(fk.name())).append(" FOREIGN KEY ").append(list(fk.columns())).append(" REFERENCES ")
                .append(quoteMysql(fk.refDatabase(), fk.refTable())).append(' ').append(list(fk.refColumns()));
        if (fk.onDelete() != null && !fk.onDelete().equalsIgnoreCase("NO ACTION")) {
            sb.append(" ON DELETE ").append(fk.onDelete());
        }
        if (fk.onUpdate() != null && !fk.onUpdate().equalsIgnoreCase("NO ACTION")) {
            sb.append(" ON UPDATE ").append(fk.onUpdate());
        }
        return sb.toString();
    }

    public String addCheck(String database, String table, CheckDef check) {
        return "ALTER TABLE " + quoteMysql(database, table) + " ADD CONSTRAINT " + quoteMysql(check.name()) + " CHECK ("
                + check.expression() + ")";
    }

    public String createView(String database, String view, String select) {
        return "CREATE VIEW " + quoteMysql(database, view) + " AS " + select;
    }

    private static String parts(IndexDef i) {
        return i.parts().stream().map(p -> {
            String s = p.isExpression() ? "(" + p.expression() + ")" : quoteMysql(p.column());
            if (p.prefixLength() != null) {
                s += "(" + p.prefixLength() + ")";
            }
            return p.descending() ? s + " DESC" : s;
        }).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String comment(IndexDef i) {
        return i.comment() == null ? "" : " COMMENT " + quoteMysqlString(i.comment());
    }

    private static String list(List<String> names) {
        return names.stream().map(n -> quoteMysql(n)).collect(Collectors.joining(", ", "(", ")"));
    }
}
