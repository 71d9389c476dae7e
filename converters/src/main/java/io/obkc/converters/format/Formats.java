package io.obkc.converters.format;

import io.obkc.converters.OmsFormat;

/** Creates the writer and (where the format can be read) the reader of each format. */
public final class Formats {

    private Formats() {
    }

    public static FormatWriter writer(OmsFormat format, FormatSettings settings) {
        switch (format) {
            case DEFAULT: return new OmsDefaultWriter(settings, false);
            case DEFAULT_EXTEND_COLUMN_TYPE: return new OmsDefaultWriter(settings, true);
            case CANAL: return new CanalWriter(settings);
            case DATAWORKS: return new DataWorksWriter(settings);
            case SHAREPLEX: return new SharePlexWriter(settings);
            case DEBEZIUM: return new DebeziumWriter(settings, DebeziumWriter.Variant.ENVELOPE);
            case DEBEZIUM_FLATTEN: return new DebeziumWriter(settings, DebeziumWriter.Variant.FLATTEN);
            case DEBEZIUM_SMT: return new DebeziumWriter(settings, DebeziumWriter.Variant.SMT);
            case MAXWELL: return new MaxwellWriter(settings);
            default: throw new IllegalArgumentException(format.name());
        }
    }

    /** Null for formats that do not carry enough to rebuild a change event. */
    public static FormatReader reader(OmsFormat format, FormatSettings settings) {
        switch (format) {
            case DEFAULT:
            case DEFAULT_EXTEND_COLUMN_TYPE: return new OmsDefaultReader(settings);
            case CANAL: return new CanalReader(settings);
            case DEBEZIUM: return new DebeziumReader(settings);
            case MAXWELL: return new MaxwellReader(settings);
            default: return null;
        }
    }
}
