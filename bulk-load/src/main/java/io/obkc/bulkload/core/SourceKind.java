package io.obkc.bulkload.core;

/** The source families the bulk load reads; the target is always OceanBase in MySQL mode. */
public enum SourceKind {
    /** MySQL and MariaDB (MySQL protocol). */
    MYSQL,
    POSTGRESQL
}
