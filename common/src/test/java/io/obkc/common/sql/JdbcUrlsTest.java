package io.obkc.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void readsSchemeHostPortAndDatabaseWithEachSchemesDefaultPort() {
        assertThat(JdbcUrls.parse("source", "jdbc:mysql://db.local:3307/shop?useSSL=false", IllegalArgumentException::new))
                .isEqualTo(new JdbcUrls.Parts("mysql", "db.local", 3307, "shop"));
        assertThat(JdbcUrls.parse("source", "JDBC:MariaDB://h/", IllegalArgumentException::new))
                .isEqualTo(new JdbcUrls.Parts("mariadb", "h", 3306, null));
        assertThat(JdbcUrls.parse("target", "jdbc:oceanbase://[::1]", IllegalArgumentException::new))
                .isEqualTo(new JdbcUrls.Parts("oceanbase", "::1", 2881, null));
        JdbcUrls.Parts pg = JdbcUrls.parse("source", "jdbc:postgresql://pg/app", IllegalArgumentException::new);
        assertThat(pg).isEqualTo(new JdbcUrls.Parts("postgresql", "pg", 5432, "app"));
        assertThat(pg.postgres()).isTrue();
    }

    @Test
    void refusesOtherShapesWithTheOptionNamedAndThePasswordHidden() {
        assertThatThrownBy(() -> JdbcUrls.parse("target", "jdbc:oracle:thin:@h:1521?password=s3cret", IllegalArgumentException::new))
                .hasMessageStartingWith("--target-url must look like jdbc:mysql://").hasMessageContaining("password=***")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> JdbcUrls.parse("source", "jdbc:postgresql://pg:5432/", IllegalArgumentException::new))
                .hasMessageContaining("a PostgreSQL URL names the database");
    }

    @Test
    void redactHidesPasswordParametersAndUserInfo() {
        assertThat(JdbcUrls.redact("jdbc:mysql://h/?user=u&password=p1&x=1")).isEqualTo("jdbc:mysql://h/?user=u&password=***&x=1");
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:p2@h/db")).isEqualTo("jdbc:postgresql://u:***@h/db");
        assertThat(JdbcUrls.redact(null)).isNull();
    }
}
