package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class SqlFaultTest {
    private static SqlFault fault(int code, String state, String message) {
        return SqlFault.of(new ConnectException("wrapped", new SQLException(message, state, code)));
    }

    @Test
    void theRecordsValuesAreTheRecordsFault() {
        assertThat(fault(1406, "22001", "Data too long for column 'v' at row 1")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(1366, "HY000", "Incorrect integer value")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(1264, "22003", "Out of range value")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(1292, "22007", "Incorrect datetime value")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(1048, "23000", "Column 'v' cannot be null")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(1062, "23000", "Duplicate entry")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(3140, "22032", "Invalid JSON text")).isEqualTo(SqlFault.RECORD);
        assertThat(fault(9999, "22012", "some data exception")).as("SQLState class 22").isEqualTo(SqlFault.RECORD);
        assertThat(SqlFault.of(new DataException("no value for key column id"))).as("the sink's own refusal of a value").isEqualTo(SqlFault.RECORD);
        assertThat(SqlFault.RECORD.recordAtFault()).isTrue();
        assertThat(SqlFault.RECORD.retryable()).isFalse();
    }

    @Test
    void credentialsAndPrivilegesAreNeverTheRecordsFault() {
        assertThat(fault(1045, "28000", "Access denied for user 'u'@'h' (using password: YES)")).isEqualTo(SqlFault.ACCESS);
        assertThat(fault(1044, "42000", "Access denied for user 'u' to database 'd'")).isEqualTo(SqlFault.ACCESS);
        assertThat(fault(1142, "42000", "INSERT command denied to user 'u' for table 't'")).isEqualTo(SqlFault.ACCESS);
        assertThat(fault(0, "28000", "authentication failed")).isEqualTo(SqlFault.ACCESS);
        assertThat(SqlFault.ACCESS.recordAtFault()).isFalse();
        assertThat(SqlFault.ACCESS.retryable()).isFalse();
    }

    @Test
    void lostConnectionsAndServerStateAreRetried() {
        assertThat(fault(0, "08S01", "Communications link failure")).isEqualTo(SqlFault.CONNECTION);
        assertThat(fault(2013, "HY000", "Lost connection to MySQL server during query")).isEqualTo(SqlFault.CONNECTION);
        assertThat(fault(2006, "HY000", "MySQL server has gone away")).isEqualTo(SqlFault.CONNECTION);
        assertThat(SqlFault.of(new SQLRecoverableException("gone"))).isEqualTo(SqlFault.CONNECTION);
        assertThat(fault(1317, "70100", "Query execution was interrupted")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(5066, "HY000", "Session interrupted")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(4012, "HY000", "Timeout")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(1205, "HY000", "Lock wait timeout exceeded")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(1213, "40001", "Deadlock found")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(1290, "HY000", "read-only")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(4030, "HY000", "Over tenant memory limits")).isEqualTo(SqlFault.SERVER_STATE);
        assertThat(fault(4019, "HY000", "Size overflow")).isEqualTo(SqlFault.SERVER_STATE);
        for (SqlFault f : new SqlFault[] {SqlFault.CONNECTION, SqlFault.SERVER_STATE}) {
            assertThat(f.retryable()).isTrue();
            assertThat(f.recordAtFault()).isFalse();
        }
        assertThat(SqlErrors.isTransient(new SQLException("Session interrupted", "HY000", 5066))).isTrue();
    }

    @Test
    void theTargetTablesOrTheSinksOwnErrorsAreNobodysRecord() {
        assertThat(fault(1054, "42S22", "Unknown column 'x' in 'field list'")).isEqualTo(SqlFault.OTHER);
        assertThat(fault(1146, "42S02", "Table 'd.t' doesn't exist")).isEqualTo(SqlFault.OTHER);
        assertThat(fault(1067, "42000", "Invalid default value")).isEqualTo(SqlFault.OTHER);
        assertThat(SqlFault.of(new ConnectException("auto.create=false"))).isEqualTo(SqlFault.OTHER);
        assertThat(SqlFault.OTHER.recordAtFault()).isFalse();
        assertThat(SqlFault.OTHER.retryable()).isFalse();
    }
}
