package io.obkc.converters;

import java.util.Locale;

/**
 * The OMS serializers. Each has the name OMS shows in its console ({@link #displayName()}) and the enum value of
 * OMS's API ({@code MqSerializerType}, {@link #apiName()}); configuration accepts either, in any case.
 */
public enum OmsFormat {
    DEFAULT("Default", "DEFAULT", true),
    DEFAULT_EXTEND_COLUMN_TYPE("DefaultExtendColumnType", "DEFAULT_WITH_SCHEMA", true),
    CANAL("Canal", "CANAL", true),
    DATAWORKS("DataWorks", "DATAWORKS_V2", false),
    SHAREPLEX("SharePlex", "SHAREPLEX", false),
    DEBEZIUM("Debezium", "DEBEZIUM", true),
    DEBEZIUM_FLATTEN("DebeziumFlatten", "DEBEZIUMFLATTEN", false),
    DEBEZIUM_SMT("DebeziumSmt", "DEBEZIUMSMT", false),
    MAXWELL("Maxwell", "MAXWELL", true);

    private final String displayName;
    private final String apiName;
    private final boolean readable;

    OmsFormat(String displayName, String apiName, boolean readable) {
        this.displayName = displayName;
        this.apiName = apiName;
        this.readable = readable;
    }

    public String displayName() {
        return displayName;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether {@code toConnectData} can rebuild change events from this format. */
    public boolean readable() {
        return readable;
    }

    /** Parses {@code Default}, {@code DEFAULT_WITH_SCHEMA}, {@code DataWorks V2.0}, {@code debezium_flatten}, ... */
    public static OmsFormat parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("No format given");
        }
        String wanted = normalize(text);
        if (wanted.equals("DATAWORKSV20") || wanted.equals("DATAWORKSV2")) {
            return DATAWORKS;
        }
        for (OmsFormat f : values()) {
            if (normalize(f.displayName).equals(wanted) || normalize(f.apiName).equals(wanted)
                    || normalize(f.name()).equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown OMS format '" + text + "'");
    }

    private static String normalize(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }
}
