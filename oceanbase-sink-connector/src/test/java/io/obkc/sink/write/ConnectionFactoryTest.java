package io.obkc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionFactoryTest {
    @Test
    void noAutoValueOnZeroIsAddedToTheServersModes() {
        assertThat(ConnectionFactory.withNoAutoValueOnZero("STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"))
                .isEqualTo("STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,NO_AUTO_VALUE_ON_ZERO");
        assertThat(ConnectionFactory.withNoAutoValueOnZero("")).isEqualTo("NO_AUTO_VALUE_ON_ZERO");
        assertThat(ConnectionFactory.withNoAutoValueOnZero("NO_AUTO_VALUE_ON_ZERO,ANSI_QUOTES")).isEqualTo("NO_AUTO_VALUE_ON_ZERO,ANSI_QUOTES");
    }
}
