package io.obkc.converters.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.errors.DataException;

import io.obkc.converters.event.ColumnDef;

/** ENUM and SET values as numbers (Canal: ENUM's 1-based index, SET's bitmask) and as names. */
final class EnumValues {

    private EnumValues() {
    }

    /** Canal's number for a value: the ENUM index (0 for MySQL's invalid ''), or the SET bitmask. */
    static BigInteger number(ColumnDef col, String value, String where) {
        List<String> allowed = col.values();
        if (allowed.isEmpty()) {
            throw new DataException("Column " + col.name() + where + " is " + col.baseType().toUpperCase()
                    + " but its allowed values are unknown, so its index cannot be written; the source connector must"
                    + " supply them (Debezium's 'allowed' schema parameter)");
        }
        if (col.isEnum()) {
            if (value.isEmpty() && !allowed.contains("")) {
                return BigInteger.ZERO;
            }
            int i = allowed.indexOf(value);
            if (i < 0) {
                throw new DataException("Value '" + value + "' of column " + col.name() + where + " is not one of "
                        + allowed);
            }
            return BigInteger.valueOf(i + 1);
        }
        BigInteger mask = BigInteger.ZERO;
        if (!value.isEmpty()) {
            for (String member : value.split(",", -1)) {
                int i = allowed.indexOf(member);
                if (i < 0) {
                    throw new DataException("Value '" + member + "' of column " + col.name() + where
                            + " is not one of " + allowed);
                }
                mask = mask.setBit(i);
            }
        }
        return mask;
    }

    /** The names for a number (or, for messages that already carry names, the names themselves). */
    static String names(ColumnDef col, String text, String where) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return text;
        }
        BigInteger n = new BigInteger(text);
        List<String> allowed = col.values();
        if (col.isEnum()) {
            int i = n.intValueExact();
            if (i == 0) {
                return "";
            }
            if (i > allowed.size()) {
                throw new DataException("ENUM index " + i + " of column " + col.name() + where + " is beyond its "
                        + allowed.size() + " values " + allowed);
            }
            return allowed.get(i - 1);
        }
        if (n.bitLength() > allowed.size()) {
            throw new DataException("SET bitmask " + n + " of column " + col.name() + where + " has bits beyond its "
                    + allowed.size() + " values " + allowed);
        }
        List<String> members = new ArrayList<>();
        for (int i = 0; i < allowed.size(); i++) {
            if (n.testBit(i)) {
                members.add(allowed.get(i));
            }
        }
        return String.join(",", members);
    }
}
