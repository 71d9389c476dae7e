package io.obkc.converters.format;

import java.time.ZoneId;

import io.obkc.converters.json.ConnectJson;

/**
 * Settings the format writers and readers share; built from the converter configuration.
 *
 * @param zone                 zone for wall-clock text of TIMESTAMP (instant) values and DataWorks dates
 * @param decimalFormat        how the Debezium formats write {@code Decimal} values
 * @param schemasEnable        whether the Debezium format wraps messages as {@code {"schema":..,"payload":..}}
 * @param dbType               OMS {@code dbType} / DataWorks {@code dbType}; null derives it from the source
 * @param storeDataSequence    whether OMS Default writes {@code storeDataSequence}
 */
public record FormatSettings(ZoneId zone, ConnectJson.DecimalFormat decimalFormat, boolean schemasEnable,
                             String dbType, boolean storeDataSequence) {

    public static FormatSettings defaults() {
        return new FormatSettings(ZoneId.of("UTC"), ConnectJson.DecimalFormat.BASE64, true, null, true);
    }
}
