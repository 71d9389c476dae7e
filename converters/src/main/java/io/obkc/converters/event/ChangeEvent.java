package io.obkc.converters.event;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.connect.data.Schema;

/**
 * One change, parsed once from a Debezium-style Connect record and handed to every format writer.
 *
 * <p>Row images are arrays aligned with {@link #columns()}, holding canonical values (see {@link ColumnKind}).
 * An absent image is null; a present image with a SQL NULL holds a null element.
 *
 * <p>The original Connect schema and value are kept because the Debezium formats serialize the record itself
 * rather than this model.
 */
public final class ChangeEvent {

    private final Operation operation;
    private final String database;
    private final String schema;
    private final String table;
    private final Long sourceTimestampMs;
    private final Long eventTimestampMs;
    private final List<ColumnDef> columns;
    private final Object[] before;
    private final Object[] after;
    private final List<String> keyColumns;
    private final String ddl;
    private final DdlKind ddlKind;
    private final SourceInfo source;
    private final Schema originalSchema;
    private final Object originalValue;

    private ChangeEvent(Builder b) {
        this.operation = Objects.requireNonNull(b.operation, "operation");
        this.database = b.database;
        this.schema = b.schema;
        this.table = b.table;
        this.sourceTimestampMs = b.sourceTimestampMs;
        this.eventTimestampMs = b.eventTimestampMs;
        this.columns = b.columns == null ? List.of() : Collections.unmodifiableList(b.columns);
        this.before = b.before;
        this.after = b.after;
        this.keyColumns = b.keyColumns == null ? List.of() : List.copyOf(b.keyColumns);
        this.ddl = b.ddl;
        this.ddlKind = b.ddl == null ? null : (b.ddlKind != null ? b.ddlKind : DdlKind.classify(b.ddl));
        this.source = b.source == null ? SourceInfo.EMPTY : b.source;
        this.originalSchema = b.originalSchema;
        this.originalValue = b.originalValue;
    }

    public static Builder builder(Operation operation) {
        return new Builder(operation);
    }

    public Operation operation() {
        return operation;
    }

    public String database() {
        return database;
    }

    /** The PostgreSQL schema, when the source has one; null for MySQL-family sources. */
    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** When the change happened in the source database ({@code source.ts_ms}). */
    public Long sourceTimestampMs() {
        return sourceTimestampMs;
    }

    /** When the source connector processed the change (envelope {@code ts_ms}). */
    public Long eventTimestampMs() {
        return eventTimestampMs;
    }

    /** {@link #sourceTimestampMs()} if known, else {@link #eventTimestampMs()}, else 0. */
    public long bestTimestampMs() {
        if (sourceTimestampMs != null) {
            return sourceTimestampMs;
        }
        return eventTimestampMs != null ? eventTimestampMs : 0L;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public Object[] before() {
        return before;
    }

    public Object[] after() {
        return after;
    }

    /** The row image that describes the row: the after-image, or the before-image for deletes. */
    public Object[] currentImage() {
        return after != null ? after : before;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public String ddl() {
        return ddl;
    }

    public DdlKind ddlKind() {
        return ddlKind;
    }

    public SourceInfo source() {
        return source;
    }

    public Schema originalSchema() {
        return originalSchema;
    }

    public Object originalValue() {
        return originalValue;
    }

    /** Index of a column by name, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Builds {@link ChangeEvent}s; every setter is optional except the operation. */
    public static final class Builder {
        private final Operation operation;
        private String database;
        private String schema;
        private String table;
        private Long sourceTimestampMs;
        private Long eventTimestampMs;
        private List<ColumnDef> columns;
        private Object[] before;
        private Object[] after;
        private List<String> keyColumns;
        private String ddl;
        private DdlKind ddlKind;
        private SourceInfo source;
        private Schema originalSchema;
        private Object originalValue;

        private Builder(Operation operation) {
            this.operation = operation;
        }

        public Builder database(String v) { this.database = v; return this; }
        public Builder schema(String v) { this.schema = v; return this; }
        public Builder table(String v) { this.table = v; return this; }
        public Builder sourceTimestampMs(Long v) { this.sourceTimestampMs = v; return this; }
        public Builder eventTimestampMs(Long v) { this.eventTimestampMs = v; return this; }
        public Builder columns(List<ColumnDef> v) { this.columns = v; return this; }
        public Builder before(Object[] v) { this.before = v; return this; }
        public Builder after(Object[] v) { this.after = v; return this; }
        public Builder keyColumns(List<String> v) { this.keyColumns = v; return this; }
        public Builder ddl(String v) { this.ddl = v; return this; }
        public Builder ddlKind(DdlKind v) { this.ddlKind = v; return this; }
        public Builder source(SourceInfo v) { this.source = v; return this; }
        public Builder original(Schema s, Object v) { this.originalSchema = s; this.originalValue = v; return this; }

        public ChangeEvent build() {
            return new ChangeEvent(this);
        }
    }
}
