package io.obkc.converters.format;

import java.math.BigInteger;

import org.apache.kafka.connect.errors.DataException;

import io.obkc.converters.event.ColumnDef;

/**
 * BIT values. The canonical BIT(n) value is Debezium's: little-endian bytes. Producers differ: Canal, TiCDC and
 * Maxwell write the unsigned number; OMS writes Base64 of MySQL's big-endian bytes.
 */
final class BitValues {

    private BitValues() {
    }

    /** The unsigned number little-endian bytes stand for. */
    static BigInteger toNumber(byte[] littleEndian) {
        byte[] be = reverse(littleEndian);
        return new BigInteger(1, be);
    }

    /** Little-endian bytes, (bits+7)/8 of them, of an unsigned number; refuses numbers wider than the column. */
    static byte[] fromNumber(ColumnDef col, BigInteger n, String where) {
        int bits = col.bitLength();
        if (n.signum() < 0 || n.bitLength() > bits) {
            throw new DataException("Value " + n + " of column " + col.name() + where + " does not fit its type bit("
                    + bits + ")");
        }
        byte[] le = new byte[(bits + 7) / 8];
        for (int i = 0; i < le.length; i++) {
            le[i] = n.shiftRight(8 * i).byteValue();
        }
        return le;
    }

    /** MySQL's big-endian bytes of a little-endian value, (bits+7)/8 of them. */
    static byte[] bigEndian(ColumnDef col, byte[] littleEndian) {
        byte[] be = new byte[(col.bitLength() + 7) / 8];
        for (int i = 0; i < be.length && i < littleEndian.length; i++) {
            be[be.length - 1 - i] = littleEndian[i];
        }
        return be;
    }

    static byte[] reverse(byte[] bytes) {
        byte[] r = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            r[i] = bytes[bytes.length - 1 - i];
        }
        return r;
    }
}
