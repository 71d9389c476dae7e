package io.obkc.acceptance.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.obkc.acceptance.corpus.CorpusColumn;
import io.obkc.acceptance.corpus.CorpusDatabase;
import io.obkc.acceptance.corpus.CorpusTable;
import io.obkc.acceptance.corpus.ForeignKey;

/** Creates a sample database on the source server, fresh: tables with their keys, all rows, then the foreign keys. */
final class SourceLoader {
    private SourceLoader() {
    }

    static void load(CorpusDatabase db, SqlSide source) throws Exception {
        if (source.postgres()) {
            source.endpoint().execute("DROP SCHEMA IF EXISTS " + source.quote(source.database()) + " CASCADE",
                    "CREATE SCHEMA " + source.quote(source.database()));
        } else {
            source.endpoint().execute("DROP DATABASE IF EXISTS " + source.quote(source.database()),
                    "CREATE DATABASE " + source.quote(source.database()) + " CHARACTER SET utf8mb4");
        }
        try (Connection c = source.connect()) {
            try (Statement s = c.createStatement()) {
                for (CorpusTable t : db.tables()) {
                    s.execute(createTable(t, source));
                }
            }
            c.setAutoCommit(false);
            for (CorpusTable t : db.tables()) {
                insertAll(c, t, source);
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (ForeignKey fk : db.foreignKeys()) {
                    s.execute("ALTER TABLE " + source.table(fk.table()) + " ADD CONSTRAINT " + source.quote("fk_" + fk.table() + "_"
                            + String.join("_", fk.columns())) + " FOREIGN KEY (" + source.columns(fk.columns()) + ") REFERENCES "
                            + source.table(fk.referencedTable()) + " (" + source.columns(fk.referencedColumns()) + ")");
                }
            }
        }
    }

    static String createTable(CorpusTable t, SqlSide side) {
        List<String> defs = new ArrayList<>();
        for (CorpusColumn col : t.columns()) {
            String type = side.postgres() ? col.type().postgresDdl() : col.type().mariadbDdl();
            defs.add(side.quote(col.name()) + " " + type + (col.nullable() ? "" : " NOT NULL"));
        }
        defs.add("PRIMARY KEY (" + side.columns(t.primaryKey()) + ")");
        return "CREATE TABLE " + side.table(t.name()) + " (" + String.join(", ", defs) + ")";
    }

    static String insertSql(CorpusTable t, SqlSide side) {
        return "INSERT INTO " + side.table(t.name()) + " (" + side.columns(t.columns().stream().map(CorpusColumn::name).toList())
                + ") VALUES (" + t.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private static void insertAll(Connection c, CorpusTable t, SqlSide side) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(insertSql(t, side))) {
            int n = 0;
            for (Object[] row : t.rows()) {
                for (int i = 0; i < row.length; i++) {
                    t.columns().get(i).type().bind(ps, i + 1, row[i], side.postgres());
                }
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
