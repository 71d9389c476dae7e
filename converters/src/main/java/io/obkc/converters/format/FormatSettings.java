package io.obkc.converters.format;

import java.time.ZoneId;

import io.obkc.converters.event.ColumnTypes;
import io.obkc.converters.json.ConnectJson;

/**
 * Settings the format writers and readers share; built from the converter configuration.
 *
 * @param zone                 zone for wall-clock text of TIMESTAMP (instant) values and DataWorks dates
 * @param decimalFormat        how the Debezium formats write {@code Decimal} values
 * @param schemasEnable        whether the Debezium format wraps messages as {@code {"schema":..,"payload":..}}
 * @param dbType               OMS {@code dbType} / DataWorks {@code dbType}; null derives it from the source
 * @param storeDataSequence    whether OMS Default writes {@code storeDataSequence}
 * @param columnTypes          declared column types for readers of formats without them (Maxwell)
 */
public record FormatSettings(ZoneId zone, ConnectJson.DecimalFormat decimalFormat, boolean schemasEnable,
                             String dbType, boolean storeDataSequence, ColumnTypes columnTypes) {

    public FormatSettings(ZoneId zone, ConnectJson.DecimalFormat decimalFormat, boolean schemasEnable,
                          String dbType, boolean storeDataSequence) {
        this(zone, decimalFormat, schemasEnable, dbType, storeDataSequence, ColumnTypes.parse(""));
    }

    public static FormatSettings defaults() {
        return new FormatSettings(ZoneId.of("UTC"), ConnectJson.DecimalFormat.BASE64, true, null, true);
    }
}
