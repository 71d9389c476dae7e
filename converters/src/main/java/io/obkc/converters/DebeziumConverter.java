package io.obkc.converters;

/** Debezium JSON as JsonConverter writes it; reads Debezium and TiCDC debezium JSON back. */
public class DebeziumConverter extends OmsFormatConverter {

    public DebeziumConverter() {
        super(OmsFormat.DEBEZIUM);
    }
}
