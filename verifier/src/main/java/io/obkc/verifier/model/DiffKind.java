package io.obkc.verifier.model;

/** Kinds of row-level differences. */
public enum DiffKind {
    /** The row exists in the source only. */
    MISSING_IN_TARGET,
    /** The row exists in the target only. */
    EXTRA_IN_TARGET,
    /** The row exists on both sides but some columns differ. */
    DIFFERENT_COLUMNS
}
