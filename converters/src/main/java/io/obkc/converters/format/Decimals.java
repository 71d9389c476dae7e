package io.obkc.converters.format;

import java.math.BigDecimal;

import org.apache.kafka.connect.errors.DataException;

import io.obkc.converters.event.ColumnDef;
import io.obkc.converters.event.ColumnKind;

/** Fitting read decimals to a declared scale without ever dropping a digit. */
final class Decimals {

    private Decimals() {
    }

    /**
     * The value at the column's declared scale. Trailing zeros may go; any other digit beyond the scale means the
     * message and its declared type disagree, and the value is refused, naming table and column, rather than
     * rounded. Without a declared scale the value is kept as it is (a variable-scale decimal).
     */
    static BigDecimal fit(String db, String table, ColumnDef col, BigDecimal v) {
        if (v == null || col.scale() == null) {
            return v;
        }
        if (v.scale() <= col.scale()) {
            return v.setScale(col.scale());
        }
        BigDecimal stripped = v.stripTrailingZeros();
        if (stripped.scale() <= col.scale()) {
            return stripped.setScale(col.scale());
        }
        throw new DataException("Value " + v.toPlainString() + " of column " + col.name() + " in table " + db + "."
                + table + " has " + v.scale() + " fraction digits, more than its declared type " + col.mysqlType()
                + " holds; refusing to round it. Check the producer's declared column type.");
    }

    /** Applies {@link #fit} to the DECIMAL columns of an image, in place. */
    static void fitImage(String db, String table, java.util.List<ColumnDef> columns, Object[] image) {
        if (image == null) {
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind() == ColumnKind.DECIMAL && image[i] != null) {
                image[i] = fit(db, table, columns.get(i), (BigDecimal) image[i]);
            }
        }
    }
}
