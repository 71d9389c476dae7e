package io.obkc.acceptance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

class ObkcWarningsTest {
    @Test
    void collectsWarningsOfObkcLoggersOnlyWhileOpen() {
        Logger ours = LogManager.getLogger("io.obkc.sink.SomeTask");
        Logger theirs = LogManager.getLogger("io.debezium.Something");
        try (ObkcWarnings w = new ObkcWarnings()) {
            ours.info("fine");
            ours.warn("table {} lost a row", "t");
            theirs.warn("not ours");
            ours.error("broken");
            assertThat(w.events()).containsExactly("WARN io.obkc.sink.SomeTask: table t lost a row", "ERROR io.obkc.sink.SomeTask: broken");
        }
        try (ObkcWarnings w = new ObkcWarnings()) {
            assertThat(w.events()).isEmpty();
        }
    }
}
