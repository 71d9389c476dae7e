package io.obkc.common.rules;

/**
 * Case-insensitive comparison of names, one code point at a time. Upper-casing then lower-casing
 * makes pairs such as the Greek final sigma and sigma compare equal, like
 * {@link String#equalsIgnoreCase(String)} does.
 */
final class CaseFolding {
    private CaseFolding() {
    }

    static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    static int[] fold(int[] codePoints) {
        int[] folded = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            folded[i] = fold(codePoints[i]);
        }
        return folded;
    }
}
