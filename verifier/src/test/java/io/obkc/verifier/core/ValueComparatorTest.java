package io.obkc.verifier.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.obkc.verifier.model.RowValue;
import io.obkc.verifier.model.TypeCategory;

class ValueComparatorTest {
    static RowValue v(String s) {
        return s == null ? RowValue.NULL : new RowValue(s, s);
    }

    @Test
    void nullIsNotEmptyString() {
        assertThat(ValueComparator.same(v(null), v(""), TypeCategory.STRING, TypeCategory.STRING)).isFalse();
        assertThat(ValueComparator.same(v(null), v(null), TypeCategory.STRING, TypeCategory.STRING)).isTrue();
    }

    @Test
    void trailingSpaceAndCaseDiffer() {
        assertThat(ValueComparator.same(v("a"), v("a "), TypeCategory.STRING, TypeCategory.STRING)).isFalse();
        assertThat(ValueComparator.same(v("a"), v("A"), TypeCategory.STRING, TypeCategory.STRING)).isFalse();
    }

    @Test
    void jsonIsComparedNormalized() {
        assertThat(ValueComparator.same(v("{\"b\":1,\"a\":[1,2.50]}"), v("{\"a\": [1, 2.5], \"b\": 1}"),
                TypeCategory.STRING, TypeCategory.JSON)).isTrue();
        assertThat(ValueComparator.same(v("{\"a\":1}"), v("{\"a\":2}"), TypeCategory.JSON, TypeCategory.JSON)).isFalse();
    }

    @Test
    void floatsCompareExactlyByValueWhateverTheSpelling() {
        assertThat(ValueComparator.same(v("1e15"), v("1000000000000000"), TypeCategory.DOUBLE, TypeCategory.DOUBLE)).isTrue();
        assertThat(ValueComparator.same(v("5e-324"), v("4.9E-324"), TypeCategory.DOUBLE, TypeCategory.DOUBLE)).isTrue();
        // MySQL's dtoa and PostgreSQL's Ryu spell this halfway case differently; it is one double.
        assertThat(ValueComparator.same(v("-1.649680902610684e17"), v("-1.6496809026106842e17"), TypeCategory.DOUBLE,
                TypeCategory.DOUBLE)).isTrue();
        assertThat(ValueComparator.same(v("1.6496809026106840e17"), v("1.6496809026106845e17"), TypeCategory.DOUBLE,
                TypeCategory.DOUBLE)).isFalse();
        assertThat(ValueComparator.same(v("1e-400"), v("0"), TypeCategory.DECIMAL, TypeCategory.DECIMAL)).isFalse();
        assertThat(ValueComparator.same(v("0.30000000000000004"), v("0.3"), TypeCategory.DOUBLE, TypeCategory.DOUBLE)).isFalse();
        assertThat(ValueComparator.same(v("4718.19"), v("4718.2"), TypeCategory.FLOAT, TypeCategory.FLOAT)).isFalse();
        assertThat(ValueComparator.same(v("-0"), v("0"), TypeCategory.DOUBLE, TypeCategory.DOUBLE)).isTrue();
        assertThat(ValueComparator.same(v("NaN"), v("NaN"), TypeCategory.DOUBLE, TypeCategory.DOUBLE)).isTrue();
        assertThat(ValueComparator.same(v("NaN"), v("0"), TypeCategory.DOUBLE, TypeCategory.DOUBLE)).isFalse();
        assertThat(ValueComparator.same(v("1.1"), v("1.1"), TypeCategory.DECIMAL, TypeCategory.DECIMAL)).isTrue();
        assertThat(ValueComparator.same(v("1.1"), v("1.10000000000001"), TypeCategory.DECIMAL, TypeCategory.DECIMAL)).isFalse();
    }
}
