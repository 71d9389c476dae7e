package io.obkc.sink.ddl;

import java.util.List;

/** A source DDL statement, as far as the sink needs to understand it. Names are source names. */
public sealed interface ParsedDdl {

    /** A possibly database-qualified table name; {@code database} is null when the statement did not qualify it. */
    record Name(String database, String table) {
        public Name withDefaultDatabase(String db) {
            return database == null ? new Name(db, table) : this;
        }
    }

    enum IndexKind { PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL }

    /** An index: kind, name (null for the primary key or an unnamed index) and its key parts, rendered as OceanBase SQL. */
    record IndexSpec(IndexKind kind, String name, String partsSql) {
    }

    /** One clause of an ALTER TABLE. Only the fields of its class are set. */
    record AlterClause(DdlClass ddlClass, String column, String newColumn, String position, IndexSpec index, String indexName,
            Name renameTo, String text) {
    }

    record CreateTable(Name table, List<IndexSpec> indexes, boolean like) implements ParsedDdl {
    }

    record AlterTable(Name table, List<AlterClause> clauses) implements ParsedDdl {
    }

    record Rename(Name from, Name to) {
    }

    record RenameTable(List<Rename> renames) implements ParsedDdl {
    }

    record TruncateTable(Name table) implements ParsedDdl {
    }

    record DropTable(List<Name> tables) implements ParsedDdl {
    }

    record CreateIndex(Name table, IndexSpec index) implements ParsedDdl {
    }

    record DropIndex(Name table, String index) implements ParsedDdl {
    }

    /** A statement the sink does not synchronize; {@code what} names it for logs and the audit table. */
    record Other(String what) implements ParsedDdl {
    }
}
