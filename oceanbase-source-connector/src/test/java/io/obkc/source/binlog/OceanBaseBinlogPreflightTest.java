package io.obkc.source.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OceanBaseBinlogPreflightTest {
    @Test
    void versionsWithoutBinlogServiceSupportAreNamed() {
        assertThat(OceanBaseBinlogPreflight.versionProblem("5.7.25-OceanBase_CE-v4.2.1.2")).isNull();
        assertThat(OceanBaseBinlogPreflight.versionProblem("5.7.25-OceanBase-v4.1.0.1")).isNull();
        assertThat(OceanBaseBinlogPreflight.versionProblem("5.7.25-OceanBase-v4.1.0.0")).contains("4.1.0.1");
        assertThat(OceanBaseBinlogPreflight.versionProblem("5.7.25-OceanBase-v3.2.4.4")).isNull();
        assertThat(OceanBaseBinlogPreflight.versionProblem("5.7.25-OceanBase-v3.2.3.3")).contains("3.2.4.4");
        // The MariaDB stand-in and other MySQL-protocol servers carry no OceanBase version to require.
        assertThat(OceanBaseBinlogPreflight.versionProblem("10.11.6-MariaDB-0+deb12u1-log")).isNull();
    }
}
