package io.obkc.sink.ordering;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A change's place in its source's commit order, as one number the target can store and compare
 * ({@code DECIMAL(38,0)}), read from the Debezium {@code source} block:
 * <ul>
 * <li>MySQL/MariaDB binlog: {@code file} sequence number, {@code pos} of the rows event and {@code row} within it,
 * as {@code seq * 10^16 + pos * 10^6 + row}. The binlog is written at commit, one transaction after another, so
 * this order is the commit order. Snapshot rows all carry the snapshot's position, at or before every change
 * streamed after them.</li>
 * <li>PostgreSQL: {@code lsn}. Two transactions that touch the same row, or the same unique value, are serialised
 * by the row lock, so the later one's WAL record (and LSN) follows the earlier one's commit.</li>
 * </ul>
 * <li>OBKC's OceanBase source in changelog mode (an empty {@code file}, {@code scn} set): {@code scn * 10^6 + i}, the
 * commit version and the event's place in its transaction ({@code transaction.total_order}, with
 * provide.transaction.metadata=true; 0 without it, when changes of one transaction keep their arrival order).</li>
 * </ul>
 * Records without such a block (flat records, the bundle's Canal/Maxwell/OMS readers) have no position:
 * {@link #of} answers null, and the sink falls back to arrival order for them.
 */
public final class SourceOrder {
    private static final BigInteger FILE_FACTOR = BigInteger.TEN.pow(16);
    private static final BigInteger POS_FACTOR = BigInteger.TEN.pow(6);
    /** Largest binlog position that keeps the encoding order-preserving: {@code pos * 10^6 + row < 10^16}. */
    private static final long MAX_POS = 9_999_999_999L;
    private static final long MAX_ROW = 999_999L;

    private SourceOrder() {
    }

    /** The record's source position, or null when its value carries no usable source block. */
    public static BigDecimal of(SinkRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return null;
        }
        Object s = value.getWithoutDefault("source");
        if (!(s instanceof Struct source)) {
            return null;
        }
        BigDecimal scn = scnOrder(source, value);
        return scn != null ? scn : of(source);
    }

    /** The changelog-mode position (commit SCN, then the place in the transaction), or null for other sources. */
    private static BigDecimal scnOrder(Struct source, Struct value) {
        if (source.schema().field("scn") == null || !(source.getWithoutDefault("scn") instanceof Number scn)) {
            return null;
        }
        Object file = source.schema().field("file") == null ? null : source.getWithoutDefault("file");
        if (file != null && !file.toString().isEmpty()) {
            return null;
        }
        long order = 0;
        if (value.schema().field("transaction") != null && value.getWithoutDefault("transaction") instanceof Struct tx
                && tx.schema().field("total_order") != null && tx.getWithoutDefault("total_order") instanceof Number n) {
            order = Math.min(n.longValue(), MAX_ROW);
        }
        return new BigDecimal(BigInteger.valueOf(scn.longValue()).multiply(POS_FACTOR).add(BigInteger.valueOf(order)));
    }

    /** The position of a Debezium source block, or null. */
    public static BigDecimal of(Struct source) {
        if (source.schema().field("scn") != null && source.getWithoutDefault("scn") instanceof Number scn
                && (source.schema().field("file") == null || source.getWithoutDefault("file") == null || source.getWithoutDefault("file").toString().isEmpty())) {
            return new BigDecimal(BigInteger.valueOf(scn.longValue()).multiply(POS_FACTOR));
        }
        if (source.schema().field("file") != null && source.schema().field("pos") != null) {
            Object file = source.getWithoutDefault("file");
            Object pos = source.getWithoutDefault("pos");
            if (file == null || pos == null) {
                return null;
            }
            long seq = fileSequence(file.toString());
            long p = ((Number) pos).longValue();
            long row = 0;
            if (source.schema().field("row") != null && source.getWithoutDefault("row") instanceof Number r) {
                row = r.longValue();
            }
            if (seq < 0 || p < 0 || p > MAX_POS || row < 0 || row > MAX_ROW) {
                return null;
            }
            return new BigDecimal(BigInteger.valueOf(seq).multiply(FILE_FACTOR).add(BigInteger.valueOf(p).multiply(POS_FACTOR))
                    .add(BigInteger.valueOf(row)));
        }
        if (source.schema().field("lsn") != null && source.getWithoutDefault("lsn") instanceof Number lsn) {
            // LSNs are unsigned 64-bit; Connect carries them in an int64.
            return new BigDecimal(new BigInteger(Long.toUnsignedString(lsn.longValue())));
        }
        return null;
    }

    /** The numeric suffix of a binlog file name ({@code mysql-bin.000042} is 42), or -1. */
    static long fileSequence(String file) {
        int dot = file.lastIndexOf('.');
        String digits = dot < 0 ? "" : file.substring(dot + 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
