package io.obkc.acceptance.corpus;

import java.util.List;

/** A foreign key of the sample database, created on the source after the load (the target gets it at switchover). */
public record ForeignKey(String table, List<String> columns, String referencedTable, List<String> referencedColumns) {
}
