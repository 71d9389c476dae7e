package io.obkc.schema.convert;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.obkc.schema.model.TableDef;

/** What happened to one source object: conversion status, warnings or the exact error, DDL, and the apply outcome. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"kind", "source", "target", "status", "error", "warnings", "ddl", "deferred", "apply"})
public final class ObjectReport {
    public enum Status {
        CONVERTED, CONVERTED_WITH_WARNINGS, FAILED, NOT_MIGRATED
    }

    /** TABLE, VIEW, or for report-only objects TRIGGER, PROCEDURE, FUNCTION, EVENT, SEQUENCE. */
    public final String kind;
    public final String source;
    public String target;
    public final List<String> warnings = new ArrayList<>();
    public String error;
    /** Statements run during schema migration, in order. */
    public final List<String> ddl = new ArrayList<>();
    public final List<DeferredObject> deferred = new ArrayList<>();
    /** Apply outcome: null (dry run / not applied), {@code CREATED}, {@code ALREADY_EXISTS}, {@code FAILED: ...}. */
    public String apply;
    private boolean reportOnly;

    @JsonIgnore
    public TableDef targetTable;
    @JsonIgnore
    public HiddenKey hiddenKey;
    @JsonIgnore
    public RowKey rowKey;
    /** Views: the source definition, quoted when applying the translated one fails. */
    @JsonIgnore
    public String sourceDefinition;
    /** Tables: the source table as read (key columns and collations for the key collision check). */
    @JsonIgnore
    public io.obkc.schema.model.TableDef sourceTable;

    public ObjectReport(String kind, String source) {
        this.kind = kind;
        this.source = source;
    }

    public static ObjectReport reportOnly(String kind, String source, String reason) {
        ObjectReport r = new ObjectReport(kind, source);
        r.reportOnly = true;
        r.warnings.add(reason);
        return r;
    }

    public Status getStatus() {
        if (reportOnly) {
            return Status.NOT_MIGRATED;
        }
        if (error != null || (apply != null && apply.startsWith("FAILED"))) {
            return Status.FAILED;
        }
        return warnings.isEmpty() ? Status.CONVERTED : Status.CONVERTED_WITH_WARNINGS;
    }

    @JsonIgnore
    public boolean failed() {
        return getStatus() == Status.FAILED;
    }

    /** Not created on purpose: the object is reported NOT_MIGRATED with the reason (e.g. a view OBKC cannot translate exactly). */
    public void notMigrated(String reason) {
        reportOnly = true;
        ddl.clear();
        warnings.add(reason);
    }

    public void fail(String reason) {
        if (error == null) {
            error = reason;
        }
    }
}
