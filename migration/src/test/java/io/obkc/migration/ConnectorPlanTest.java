package io.obkc.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obkc.migration.connect.ConnectorPlan;
import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.ProjectLoader;

class ConnectorPlanTest {
    @TempDir
    Path dir;

    private LoadedProject load(String text) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, text);
        return ProjectLoader.load(f);
    }

    private LoadedProject mariadb(String extra) throws Exception {
        return load(ProjectLoaderTest.MINIMAL.replace("password-file: pw.txt", "password: pw") + extra);
    }

    @Test
    void sourceAndSinkCarryTheSettingsThatKeepValuesExact() throws Exception {
        LoadedProject p = mariadb("");
        ConnectorPlan plan = new ConnectorPlan(p);
        Map<String, String> source = plan.source(List.of("shop", p.markerDatabase()));
        Map<String, String> sink = plan.sink();
        for (Map<String, String> c : List.of(source, sink)) {
            assertThat(c).containsEntry("key.converter", "io.obkc.converters.json.SchemaCachingJsonConverter")
                    .containsEntry("value.converter", "io.obkc.converters.json.SchemaCachingJsonConverter")
                    .containsEntry("key.converter.replace.null.with.default", "false")
                    .containsEntry("value.converter.replace.null.with.default", "false");
        }
        assertThat(source).containsEntry("connector.class", "io.debezium.connector.mariadb.MariaDbConnector")
                .containsEntry("datatype.propagate.source.type", ".+").containsEntry("snapshot.mode", "initial")
                .containsEntry("database.include.list", "\\Qshop\\E,\\Qobkc_mig_shop\\E")
                .containsEntry("schema.history.internal.kafka.bootstrap.servers", "localhost:9092")
                .containsEntry("schema.history.internal.kafka.topic", "obkc_shop-schema-history");
        assertThat(source.get("heartbeat.action.query")).contains("`obkc_mig_shop`.`obkc_marker`");
        assertThat(sink).containsEntry("auto.create", "false").containsEntry("errors.deadletterqueue.topic.name", "obkc_shop-dlq")
                .containsEntry("transforms", "route")
                .containsEntry("transforms.route.include", "shop.*,crm.customer=crm2.customer,obkc_mig_shop.obkc_marker");
    }

    @Test
    void sourceProducerBatchesAsTheShippedExampleDoes() throws Exception {
        LoadedProject p = mariadb("");
        Map<String, String> source = new ConnectorPlan(p).source(List.of("shop", p.markerDatabase()));
        // Connect's source producer has one request in flight: Kafka's 16 KB batch carried two or three events each.
        assertThat(Integer.parseInt(source.get("producer.override.batch.size"))).isGreaterThanOrEqualTo(256 * 1024);
        assertThat(Integer.parseInt(source.get("producer.override.linger.ms"))).isBetween(1, 20);
        // The same settings as examples/mariadb-source.json, so the guide, the examples and bench/cdc agree.
        com.fasterxml.jackson.databind.JsonNode example = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("..", "examples", "mariadb-source.json").toFile()).path("config");
        for (String k : List.of("producer.override.batch.size", "producer.override.linger.ms", "producer.override.max.request.size")) {
            assertThat(source).as(k).containsEntry(k, example.path(k).asText());
        }
    }

    @Test
    void bulkFullLoadTakesNoSnapshotAndPassesTheProjectToTheBulkLoad() throws Exception {
        LoadedProject debezium = mariadb("");
        assertThat(debezium.bulkFullLoad()).isFalse();
        LoadedProject bulk = mariadb("options: {full-load: bulk, bulk-load-threads: 3, bulk-load-chunk-rows: 5000}\n");
        assertThat(bulk.bulkFullLoad()).isTrue();
        assertThat(new ConnectorPlan(bulk).source(List.of("shop"))).containsEntry("snapshot.mode", "no_data");
        assertThat(List.of(io.obkc.migration.tools.ToolRunner.bulkLoadArgs(bulk, false))).containsSequence("--include",
                "shop.*,crm.customer=crm2.customer").containsSequence("--exclude", "obkc_mig_shop.*")
                .containsSequence("--threads", "3").containsSequence("--chunk-rows", "5000").contains("--source-password=pw");
        assertThat(List.of(io.obkc.migration.tools.ToolRunner.bulkLoadArgs(bulk, true))).contains("--check", "--source-only")
                .doesNotContain("--target-url");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mariadb("options: {full-load: fast}\n"))
                .hasMessageContaining("fast");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mariadb("options: {full-load: bulk, bulk-load-threads: 0}\n"))
                .hasMessageContaining("bulk-load-threads");
    }

    @Test
    void sinkTopicsRegexTakesTableAndSchemaChangeTopicsButNotHistoryHeartbeatOrDlq() throws Exception {
        Pattern regex = Pattern.compile(new ConnectorPlan(mariadb("")).sink().get("topics.regex"));
        assertThat(List.of("obkc_shop.shop.orders", "obkc_shop.crm.customer", "obkc_shop")).allMatch(t -> regex.matcher(t).matches());
        assertThat(List.of("obkc_shop-schema-history", "obkc_shop-dlq", "__debezium-heartbeat.obkc_shop", "obkc_shop_rev.shop.orders",
                "obkc_shopx.shop.orders", "obkc_shop.shop")).noneMatch(t -> regex.matcher(t).matches());
    }

    @Test
    void postgresHasNoSchemaChangeTopicAndRoutesBySchema() throws Exception {
        LoadedProject p = load("""
                name: pg1
                source: {type: postgresql, url: "jdbc:postgresql://h:5432/app", user: u}
                target: {url: "jdbc:mysql://h:2881/", user: t}
                objects: {include: ["public.*=app.*"]}
                steps: [schema, full]
                options:
                  row-filters:
                    - {tables: "public.orders", condition: "amount > 0"}
                """);
        ConnectorPlan plan = new ConnectorPlan(p);
        Map<String, String> source = plan.source(List.of("public"));
        assertThat(source).containsEntry("slot.name", "obkc_pg1").containsEntry("publication.name", "obkc_pg1")
                .containsEntry("database.dbname", "app").containsEntry("snapshot.mode", "initial_only");
        Map<String, String> sink = plan.sink();
        assertThat(Pattern.compile(sink.get("topics.regex")).matcher("obkc_pg1").matches()).isFalse();
        assertThat(sink).containsEntry("database.name.format", "${source.schema}").containsEntry("transforms", "filter,route")
                .containsEntry("transforms.filter.rules", "r0").containsEntry("transforms.filter.rules.r0.condition", "amount > 0");
    }

    @Test
    void reverseConnectorsUseTheOceanBaseSourceByClassNameAndUndoTheRenames() throws Exception {
        ConnectorPlan plan = new ConnectorPlan(mariadb(""));
        assertThat(plan.reverseSource(List.of("`crm2`.`customer`"))).containsEntry("connector.class", "io.obkc.source.OceanBaseSourceConnector")
                .containsEntry("table.include.list", "`crm2`.`customer`")
                .containsEntry("capture.mode", "changelog").containsEntry("snapshot.mode", "no_data");
        assertThat(plan.reverseSink(List.of("`crm2`.`customer`=`crm`.`customer`")))
                .containsEntry("connection.url", "jdbc:mysql://127.0.0.1:3306/")
                .containsEntry("transforms.route.include", "`crm2`.`customer`=`crm`.`customer`");
    }

    @Test
    void loopPreventionMarksForward2OceanBaseAlwaysAndReverseBinlogOnlyWithBothDirections() throws Exception {
        ConnectorPlan oneWay = new ConnectorPlan(mariadb(""));
        assertThat(oneWay.sink()).containsEntry("session.origin.marker", "obkc_shop_forward");
        assertThat(oneWay.reverseSource(List.of("`shop`.`orders`"))).containsEntry("changelog.exclude.origins", "obkc_shop_forward")
                .containsEntry("changelog.database", "obkc_mig_shop").containsEntry("changelog.table", "reverse_change_log");
        assertThat(oneWay.reverseSink(List.of())).doesNotContainKey("session.binlog.enabled");
        ConnectorPlan both = new ConnectorPlan(mariadb("options: {reverse-mode: both-directions}\n"));
        assertThat(both.reverseSink(List.of())).containsEntry("session.binlog.enabled", "false");
    }

    @Test
    void bothDirectionsNeedsAMysqlFamilySourceAndAKnownModeName() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(ProjectLoaderTest.MINIMAL.replace("password-file: pw.txt", "password: pw")
                .replace("type: mariadb", "type: postgresql").replace("jdbc:mysql://127.0.0.1:3306/", "jdbc:postgresql://127.0.0.1:5432/db")
                + "options: {reverse-mode: both-directions}\n")).hasMessageContaining("reverse-mode: both-directions");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mariadb("options: {reverse-mode: two-way}\n"))
                .hasMessageContaining("two-way");
    }
}
