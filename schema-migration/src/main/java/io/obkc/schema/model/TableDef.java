package io.obkc.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A table, source-neutral. {@code database} is the MySQL database or the PostgreSQL schema. */
public final class TableDef {
    public String database;
    public String name;
    public List<ColumnDef> columns = new ArrayList<>();
    public List<IndexDef> indexes = new ArrayList<>();
    public List<ForeignKeyDef> foreignKeys = new ArrayList<>();
    public List<CheckDef> checks = new ArrayList<>();
    public String comment;
    public String charset;
    public String collation;
    /** Next AUTO_INCREMENT value (MySQL) or next value of the serial/identity sequence (PostgreSQL); null: unknown. */
    public Long autoIncrement;
    /** MySQL-syntax partitioning clause ({@code PARTITION BY ...}), or null. */
    public String partitioning;
    /** Columns named by the partitioning (and subpartitioning) expression. */
    public List<String> partitionColumns = new ArrayList<>();
    /** Facts the reader noticed that the report should show (e.g. a PostgreSQL partitioned parent). */
    public List<String> notes = new ArrayList<>();

    public TableDef() {
    }

    public TableDef(String database, String name) {
        this.database = database;
        this.name = name;
    }

    public Optional<ColumnDef> column(String name) {
        return columns.stream().filter(c -> c.name.equals(name)).findFirst();
    }

    public Optional<IndexDef> primaryKey() {
        return indexes.stream().filter(i -> i.kind() == IndexDef.Kind.PRIMARY).findFirst();
    }

    public String qualifiedName() {
        return database + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
