package io.obkc.converters;

/** Flattened Debezium rows with __op/__db/__table/__source_ts_ms/__ts_ms/__deleted; write-only. */
public class DebeziumFlattenConverter extends OmsFormatConverter {

    public DebeziumFlattenConverter() {
        super(OmsFormat.DEBEZIUM_FLATTEN);
    }
}
