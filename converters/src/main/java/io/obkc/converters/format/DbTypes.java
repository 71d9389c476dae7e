package io.obkc.converters.format;

import java.util.Locale;

import io.obkc.converters.event.ChangeEvent;

/** The database-type names OMS (and DataWorks) print, derived from Debezium's {@code source.connector}. */
final class DbTypes {

    private DbTypes() {
    }

    /** OMS {@code dbType}: MYSQL, OB_MYSQL, POSTGRESQL, ... The configured value wins. */
    static String omsDbType(ChangeEvent event, FormatSettings settings) {
        if (settings.dbType() != null) {
            return settings.dbType();
        }
        String connector = event.source().connector();
        if (connector == null) {
            return "MYSQL";
        }
        switch (connector.toLowerCase(Locale.ROOT)) {
            case "mysql":
            case "mariadb":
                return "MYSQL";
            case "oceanbase":
                return "OB_MYSQL";
            case "postgresql":
                return "POSTGRESQL";
            case "oracle":
                return "ORACLE";
            default:
                return connector.toUpperCase(Locale.ROOT);
        }
    }
}
