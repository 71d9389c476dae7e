package io.obkc.verifier.model;

/** Keys k with {@code lower < k <= upper}; a null bound is open. */
public record KeyRange(Key lower, Key upper) {
    public static final KeyRange ALL = new KeyRange(null, null);

    @Override
    public String toString() {
        return "(" + (lower == null ? "-inf" : lower) + ", " + (upper == null ? "+inf" : upper + "]");
    }
}
