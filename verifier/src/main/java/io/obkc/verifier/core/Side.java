package io.obkc.verifier.core;

/** Which side of the comparison. */
public enum Side {
    SOURCE, TARGET
}
