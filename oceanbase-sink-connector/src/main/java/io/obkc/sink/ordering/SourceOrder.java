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
        return s instanceof Struct source ? of(source) : null;
    }

    /** The position of a Debezium source block, or null. */
    public static BigDecimal of(Struct source) {
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
