package io.obkc.verifier.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.obkc.verifier.model.ColumnInfo;
import io.obkc.verifier.model.TypeCategory;

class MySqlDialectTest {
    private static ColumnInfo decimal(int scale) {
        return new ColumnInfo("amount", "decimal", "decimal(12," + scale + ")", TypeCategory.DECIMAL, -1, scale, true,
                null);
    }

    private static int occurrences(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void decimalWithScaleCastsOnceAndTrimsZerosThenDot() {
        String e = new MySqlDialect(true).canonical(decimal(2), decimal(2));
        assertEquals("TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST(`amount` AS CHAR)))", e);
        assertEquals(1, occurrences(e, "CAST("));
    }

    @Test
    void decimalWithScaleZeroHasNoDotToTrim() {
        assertEquals("CAST(`amount` AS CHAR)", new MySqlDialect(false).canonical(decimal(0), decimal(0)));
    }

    @Test
    void decimalWithUnknownScaleKeepsTheGuardedForm() {
        String e = new OceanBaseDialect().canonical(decimal(-1), decimal(-1));
        assertTrue(e.startsWith("IF(LOCATE('.', CAST(`amount` AS CHAR)) > 0"), e);
        assertFalse(e.isEmpty());
    }
}
