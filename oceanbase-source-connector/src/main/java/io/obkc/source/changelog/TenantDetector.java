package io.obkc.source.changelog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.obkc.source.OceanBaseSourceConfig;

/** The tenant name for the source block: database.tenant, else the server's answer, else the user@tenant form, else null. */
final class TenantDetector {
    private TenantDetector() {
    }

    static String tenant(Connection c, OceanBaseSourceConfig config) {
        if (!config.tenant().isBlank()) {
            return config.tenant();
        }
        for (String q : new String[] {"SELECT tenant_name FROM oceanbase.DBA_OB_TENANTS WHERE tenant_id = EFFECTIVE_TENANT_ID()",
                "SELECT EFFECTIVE_TENANT()"}) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                // Not available on this server; try the next way.
            }
        }
        String user = config.user();
        int at = user.indexOf('@');
        if (at >= 0) {
            String rest = user.substring(at + 1);
            int hash = rest.indexOf('#');
            return hash >= 0 ? rest.substring(0, hash) : rest;
        }
        return null;
    }
}
