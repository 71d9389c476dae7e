package io.obkc.bench.faults;

import java.util.List;

/** The tables the writer changes, created identically on MariaDB and seekdb (the target keeps the UNIQUE keys). */
final class Workload {
    static final String DB = "obkc_faults";

    /** A table and its primary key column (single-column keys; the comparison orders and matches by it). */
    record Table(String name, String key, String ddl) {
    }

    static final List<Table> TABLES = List.of(
            // Secondary UNIQUE key: swaps, moves of a value to a new row, primary-key changes.
            new Table("accounts", "id", "CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY, email VARCHAR(64) NOT NULL,"
                    + " balance BIGINT NOT NULL, note VARCHAR(100) NULL, version INT NOT NULL, UNIQUE KEY uk_email (email))"),
            // A few hot rows updated over and over: an older version must never overwrite a newer one.
            new Table("hot", "id", "CREATE TABLE hot (id INT NOT NULL PRIMARY KEY, counter BIGINT NOT NULL,"
                    + " txt VARCHAR(100) NULL, amount DECIMAL(12,2) NULL)"),
            // Plain inserts, updates and deletes over a wider key range.
            new Table("items", "id", "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, grp INT NOT NULL,"
                    + " payload VARCHAR(255) NULL, qty INT NULL)"),
            // The end-of-stream marker: its row reaching the target is part of the catch-up condition.
            new Table("marker", "id", "CREATE TABLE marker (id INT NOT NULL PRIMARY KEY, token VARCHAR(64) NOT NULL)"));

    private Workload() {
    }
}
