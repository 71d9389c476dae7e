package io.obkc.bulkload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

class BulkLoadCommandOptionsTest {
    static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            return BulkLoadCommand.run(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void badInputExitsTwoWithTheReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "--source-url", "jdbc:mysql://h:1/", "--source-user", "u", "--target-url", "jdbc:mysql://h:2/",
                "--target-user", "u")).isEqualTo(2);
        assertThat(err.toString()).contains("--include");
        err.reset();
        assertThat(run(err, "--include", "a.*", "--source-url", "jdbc:sqlserver://h/", "--source-user", "u")).isEqualTo(2);
        assertThat(err.toString()).contains("--source-url must look like");
        err.reset();
        assertThat(run(err, "--include", "a.*", "--threads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--threads must be a positive number");
        err.reset();
        assertThat(run(err, "--include", "a.*", "--source-url", "jdbc:mysql://h:1/", "--source-user", "u", "--target-url",
                "jdbc:postgresql://h:2/db", "--target-user", "u")).isEqualTo(2);
        assertThat(err.toString()).contains("the target is OceanBase");
        err.reset();
        assertThat(run(err, "--no-such-option")).isEqualTo(2);
    }
}
