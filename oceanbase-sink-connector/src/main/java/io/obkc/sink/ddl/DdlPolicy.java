package io.obkc.sink.ddl;

/** What to do with a statement class: apply it, skip it (and record that), or fail the task. */
public enum DdlPolicy { APPLY, SKIP, FAIL }
