package io.obkc.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopicTemplateTest {
    private static final ChangeRecordFacts FACTS = new ChangeRecordFacts("shop", "orders", List.of("1"));

    @Test
    void fixedNameIsTheSameForEveryRecord() {
        TopicTemplate t = new TopicTemplate("cdc_all");
        assertThat(t.isFixed()).isTrue();
        assertThat(t.resolve("srv.shop.orders", FACTS)).isEqualTo("cdc_all");
    }

    @Test
    void placeholdersAreFilledAndCharactersRocketMqRefusesBecomeUnderscores() {
        assertThat(new TopicTemplate("${database}_${table}").resolve("srv.shop.orders", FACTS)).isEqualTo("shop_orders");
        assertThat(new TopicTemplate("${topic}").resolve("srv.shop.orders", FACTS)).isEqualTo("srv_shop_orders");
        assertThat(new TopicTemplate("cdc-${table}").isFixed()).isFalse();
        assertThat(TopicTemplate.sanitize("a.b c/d%e|f-g_h")).isEqualTo("a_b_c_d%e|f-g_h");
    }
}
