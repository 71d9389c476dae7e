package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnectorConfig;
import io.obkc.sink.write.ConnectionFactory;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/** The session the sink opens: on OceanBase its transactions cannot outlive it by a day; on MariaDB nothing OceanBase-only is set. */
class ConnectionSessionIT {
    private static ConnectionFactory factory(DatabaseEndpoint db) {
        return factory(db, Map.of());
    }

    private static ConnectionFactory factory(DatabaseEndpoint db, Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(extra);
        p.put("connection.url", "jdbc:mysql://" + db.host() + ":" + db.port() + "/");
        p.put("connection.user", db.user());
        p.put("connection.password", db.password());
        return new ConnectionFactory(new OceanBaseSinkConnectorConfig(p));
    }

    @Test
    void oceanBaseSessionsBoundOrphanedTransactions() throws Exception {
        DatabaseEndpoint ob = TestBed.oceanbase();
        System.out.println("[ConnectionSessionIT] " + ob);
        try (Connection c = factory(ob).open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@SESSION.ob_trx_idle_timeout, @@SESSION.ob_trx_timeout, @@GLOBAL.ob_trx_idle_timeout")) {
            rs.next();
            assertThat(rs.getLong(1)).as("ob_trx_idle_timeout (µs)").isEqualTo(120_000_000L);
            assertThat(rs.getLong(2)).as("ob_trx_timeout (µs)").isEqualTo(3_600_000_000L);
            assertThat(rs.getLong(3)).as("the server's default, a day, is what the sink must not inherit").isGreaterThan(rs.getLong(1));
        }
    }

    @Test
    void mariaDbSessionsOpenWithoutOceanBaseVariables() throws Exception {
        DatabaseEndpoint mariadb = TestBed.mysql();
        try (Connection c = factory(mariadb).open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.time_zone")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("+00:00");
        }
    }

    /** Two-way sync: the marks other captures honour, on every session the factory opens (row and DDL connections). */
    @Test
    void originMarkerAndBinlogOffAreSetOnEverySession() throws Exception {
        ConnectionFactory marked = factory(TestBed.mysql(), Map.of(OceanBaseSinkConnectorConfig.SESSION_ORIGIN_MARKER, "obkc_it_forward",
                OceanBaseSinkConnectorConfig.SESSION_BINLOG_ENABLED, "false"));
        for (Connection c : new Connection[] {marked.open(), marked.openForRows()}) {
            try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @obkc_origin, @@SESSION.sql_log_bin")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("obkc_it_forward");
                assertThat(rs.getInt(2)).as("sql_log_bin").isZero();
            }
        }
        try (Connection c = factory(TestBed.mysql()).open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @obkc_origin, @@SESSION.sql_log_bin")) {
            rs.next();
            assertThat(rs.getString(1)).as("not set by default").isNull();
            assertThat(rs.getInt(2)).as("binlogged by default").isEqualTo(1);
        }
    }
}
