package io.obkc.migration.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    /** After switchover the forward steps read "not running", the longest step state: its SINCE must stay in its column. */
    @Test
    void sinceColumnLinesUpForEveryStepState() {
        StatusReport r = new StatusReport("shop",
                List.of(new StatusReport.Step("schema", "done", "2026-12-01T07:04:56Z"),
                        new StatusReport.Step("full", "not running", "2026-12-01T07:04:59Z"),
                        new StatusReport.Step("verify", "pending", null)),
                List.of(), List.of(), 10L, 10000, 0L, 0L, false, List.of());

        List<String> lines = r.text().lines().toList();
        int header = lines.stream().filter(l -> l.startsWith("STEP")).findFirst().orElseThrow().indexOf("SINCE");
        assertThat(lines.stream().filter(l -> l.startsWith("schema")).findFirst().orElseThrow().indexOf("2026")).isEqualTo(header);
        assertThat(lines.stream().filter(l -> l.startsWith("full")).findFirst().orElseThrow().indexOf("2026")).isEqualTo(header);
    }
}
