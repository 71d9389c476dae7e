package io.obkc.source.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * The checks validate() runs for capture.mode=binlog. MariaDB 10.11 stands in for the OceanBase Binlog Service behind
 * ODP; obbinlog itself is not tested here.
 */
class BinlogPreflightMariaDbIT {
    private static DatabaseEndpoint mariadb;

    @BeforeAll
    static void banner() {
        System.out.println("[binlog preflight IT] MariaDB 10.11 STANDS IN for the OceanBase Binlog Service; obbinlog itself is NOT tested here.");
        mariadb = TestBed.mysql();
    }

    private static Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("database.hostname", mariadb.host());
        c.put("database.port", String.valueOf(mariadb.port()));
        c.put("database.user", mariadb.user());
        c.put("database.password", mariadb.password());
        c.put("database.server.id", "5913");
        c.put("topic.prefix", "obkc_binlog_preflight");
        c.put("schema.history.internal.kafka.bootstrap.servers", "unused:9092");
        c.put("schema.history.internal.kafka.topic", "unused");
        c.put("oceanbase.show.ddl.in.compat.mode", "false");
        return c;
    }

    @Test
    void aServerWithRowBinlogAndAPrivilegedUserPasses() {
        assertThat(OceanBaseBinlogPreflight.check(new OceanBaseBinlogConfig(config()))).isEmpty();
    }

    @Test
    void compatModeOnAServerWithoutItIsNamed() {
        Map<String, String> c = config();
        c.put("oceanbase.show.ddl.in.compat.mode", "true");
        assertThat(OceanBaseBinlogPreflight.check(new OceanBaseBinlogConfig(c)))
                .singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("oceanbase.show.ddl.in.compat.mode");
                    assertThat(p.message()).contains("_show_ddl_in_compat_mode", "=false");
                });
    }

    @Test
    void aWrongPasswordIsNamedWithoutShowingIt() {
        Map<String, String> c = config();
        c.put("database.password", "not-the-password-x9");
        assertThat(OceanBaseBinlogPreflight.check(new OceanBaseBinlogConfig(c)))
                .singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("database.user");
                    assertThat(p.message()).contains("Cannot log in").doesNotContain("not-the-password-x9");
                });
    }
}
