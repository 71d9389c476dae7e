package io.obkc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectTestBedTest {

    @Test
    void exceptionLinesKeepTheExceptionsAndCausesWithoutStackFrames() {
        String trace = "org.apache.kafka.connect.errors.ConnectException: write failed\n"
                + "\tat io.obkc.sink.X.put(X.java:1)\n"
                + "\t... 12 more\n"
                + "Caused by: java.sql.SQLException: Lock wait timeout\n"
                + "\tat com.mysql.cj.Y.z(Y.java:2)\n";
        assertThat(ConnectTestBed.exceptionLines(trace))
                .isEqualTo("org.apache.kafka.connect.errors.ConnectException: write failed | Caused by: java.sql.SQLException: Lock wait timeout | ");
        assertThat(ConnectTestBed.exceptionLines(null)).isEqualTo("(no trace)");
        assertThat(ConnectTestBed.exceptionLines("E: " + "x".repeat(5000))).hasSize(3003).endsWith("...");
    }
}
