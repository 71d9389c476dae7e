package io.obkc.converters.event;

/**
 * Where a change came from, lifted from Debezium's {@code source} block (and {@code transaction} block, when the
 * source connector provides transaction metadata). Every field may be null: Debezium's MySQL, PostgreSQL and
 * OceanBase connectors fill different subsets, and flat records fill none.
 *
 * @param connector        Debezium {@code source.connector}: mysql, mariadb, postgresql, oceanbase, ...
 * @param serverName       {@code source.name}, the logical server name / topic prefix
 * @param snapshot         {@code source.snapshot}: true, last, false, incremental
 * @param gtid             MySQL {@code source.gtid}
 * @param binlogFile       MySQL {@code source.file}
 * @param binlogPosition   MySQL {@code source.pos}
 * @param binlogRow        MySQL {@code source.row}
 * @param serverId         MySQL {@code source.server_id}
 * @param lsn              PostgreSQL {@code source.lsn}
 * @param sourceTxId       PostgreSQL {@code source.txId}
 * @param transactionId    {@code transaction.id}
 * @param transactionOrder {@code transaction.total_order}
 * @param tenant           {@code source.tenant}: the OceanBase tenant, from OBKC's OceanBase source connector
 * @param scn              {@code source.scn}: the commit version (a nanosecond timestamp) of OBKC's OceanBase source in
 *                         changelog mode, which has no binlog coordinates
 */
public record SourceInfo(String connector, String serverName, String snapshot, String gtid, String binlogFile,
                         Long binlogPosition, Integer binlogRow, Long serverId, Long lsn, Long sourceTxId,
                         String transactionId, Long transactionOrder, String tenant, Long scn) {

    public static final SourceInfo EMPTY = new SourceInfo(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    /**
     * The best transaction identifier available: Debezium's transaction id, the GTID, or PostgreSQL's txId.
     */
    public String bestTransactionId() {
        if (transactionId != null) {
            return transactionId;
        }
        if (gtid != null) {
            return gtid;
        }
        return sourceTxId != null ? sourceTxId.toString() : null;
    }

    /** A position string that orders events within the source log: {@code file:pos:row}, or the LSN. */
    public String position() {
        if (binlogFile != null) {
            return binlogFile + ":" + binlogPosition + ":" + (binlogRow == null ? 0 : binlogRow);
        }
        return lsn != null ? lsn.toString() : null;
    }
}
