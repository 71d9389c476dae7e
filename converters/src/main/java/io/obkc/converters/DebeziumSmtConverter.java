package io.obkc.converters;

/** Debezium rows as ExtractNewRecordState leaves them by default (after-image only); write-only. */
public class DebeziumSmtConverter extends OmsFormatConverter {

    public DebeziumSmtConverter() {
        super(OmsFormat.DEBEZIUM_SMT);
    }
}
