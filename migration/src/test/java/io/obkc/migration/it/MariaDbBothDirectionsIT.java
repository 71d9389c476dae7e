package io.obkc.migration.it;

import static io.obkc.migration.it.MigrationProjectITBase.cli;
import static io.obkc.migration.it.MigrationProjectITBase.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obkc.migration.it.MigrationProjectITBase.Run;
import io.obkc.testing.ConnectTestBed;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * Reverse incremental with both directions at once (options.reverse-mode: both-directions): MariaDB → seekdb forward and
 * seekdb → MariaDB reverse run together while an application writes on each side (inserts, updates, deletes; disjoint
 * keys per side, since two sides writing one row at once is an active-active conflict nothing here resolves). Then:
 * both sides equal row by row (plain JDBC), and no echo: the forward topics hold no change of a row that only OceanBase
 * writes, the reverse topics none of a row that only MariaDB writes. Without the loop filters (changelog.exclude.origins,
 * session.binlog.enabled=false) every change comes back and the echo counts are not zero.
 */
class MariaDbBothDirectionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "mig_it_both";
    private static final String SRC = "mig_it_both";
    private static final String TGT = "mig_it_both_ob";
    private static final int ROUNDS = 120;

    @TempDir
    Path dir;

    /** Who writes a key: MariaDB the odd initial rows and 10000..19999, OceanBase the even initial rows and 20000..29999. */
    static String origin(long id) {
        if (id < 10_000) {
            return id % 2 == 1 ? "mariadb" : "oceanbase";
        }
        return id < 20_000 ? "mariadb" : "oceanbase";
    }

    @Test
    void bothDirectionsAtOnceUnderMixedWritesHaveNoEchoAndEqualData() throws Exception {
        DatabaseEndpoint maria = TestBed.mysql();
        DatabaseEndpoint ob = TestBed.oceanbase();
        maria.recreateDatabase(SRC);
        maria.execute("DROP DATABASE IF EXISTS `obkc_mig_" + NAME + "`");
        ob.execute("DROP DATABASE IF EXISTS `" + TGT + "`", "DROP DATABASE IF EXISTS `obkc_mig_" + NAME + "`");
        try (Connection c = maria.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + SRC + ".accounts (id INT PRIMARY KEY, owner VARCHAR(50) NOT NULL, balance DECIMAL(12,2), note TEXT)");
            st.execute("CREATE TABLE " + SRC + ".items (id BIGINT PRIMARY KEY, label VARCHAR(40), qty INT NOT NULL)");
            for (int i = 1; i <= 100; i++) {
                st.execute("INSERT INTO " + SRC + ".accounts VALUES (" + i + ", 'owner " + i + "', " + i + ".50, "
                        + (i % 4 == 0 ? "NULL" : "'note " + i + "'") + ")");
                st.execute("INSERT INTO " + SRC + ".items VALUES (" + i + ", 'item " + i + "', " + i + ")");
            }
        }
        ConnectTestBed connect = SharedConnect.get();
        Path project = dir.resolve(NAME + ".yaml");
        Files.writeString(project, String.join("\n",
                "name: " + NAME,
                "source: {type: mariadb, url: '" + maria.jdbcUrl() + "', user: " + maria.user() + ", password: " + maria.password() + "}",
                "target: {url: '" + ob.jdbcUrl("") + "', user: " + ob.user() + ", password: " + ob.password() + "}",
                "objects: {include: ['" + SRC + ".*=" + TGT + ".*']}",
                "steps: [schema, full, incremental, switchover, reverse]",
                "options:",
                "  reverse-mode: both-directions",
                "  server-id: 7731",
                "  lag-threshold-ms: 5000",
                "  heartbeat-interval-ms: 500",
                "  verify-recheck-s: 20",
                "  catch-up-timeout-s: 120",
                "connect:",
                "  url: " + connect.cluster().endpointForResource(""),
                "  kafka-bootstrap: " + connect.bootstrapServers(),
                ""));
        String p = project.toString();

        Run precheck = cli("precheck", "-p", p);
        assertThat(precheck.exit()).as("precheck: %s", precheck).isZero();
        assertThat(precheck.out()).contains("reverse: binlog off for the reverse sink");
        assertThat(cli("start", "-p", p).exit()).isZero();
        Run status = cli("status", "-p", p, "--json", "--wait-caught-up", "120");
        assertThat(status.exit()).as("status: %s", status).isZero();
        Run switchover = cli("switchover", "-p", p);
        assertThat(switchover.exit()).as("switchover: %s", switchover).isZero();
        Run reverse = cli("reverse", "-p", p);
        assertThat(reverse.exit()).as("reverse: %s", reverse).isZero();
        assertThat(reverse.out()).contains("both directions run");
        for (String c : List.of("-source", "-sink", "-reverse-source", "-reverse-sink")) {
            assertThat(connect.status(NAME + c).connector().state()).as(NAME + c).isEqualTo("RUNNING");
        }

        // Both applications at once, each on its own keys.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> onMaria = pool.submit(writer(maria, SRC, 10_000, 1));
            Future<Integer> onOb = pool.submit(writer(ob, TGT, 20_000, 2));
            assertThat(onMaria.get()).isEqualTo(ROUNDS);
            assertThat(onOb.get()).isEqualTo(ROUNDS);
        } finally {
            pool.shutdownNow();
        }

        // Quiet: equal data, then a sentinel per side written after it and seen on the other side. Each direction is read in
        // commit order, so an echo of any earlier change would be in the topics before the sentinel.
        Awaitility.await("both sides equal").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> equal(maria, ob));
        maria.execute("INSERT INTO " + SRC + ".items VALUES (19999, 'sentinel written on MariaDB', 0)");
        ob.execute("INSERT INTO " + TGT + ".items VALUES (29999, 'sentinel written on OceanBase', 0)");
        Awaitility.await("sentinels on the other side").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> rows(ob, TGT + ".items").stream().anyMatch(r -> r.startsWith("19999 | "))
                        && rows(maria, SRC + ".items").stream().anyMatch(r -> r.startsWith("29999 | ")));
        String fwd = "obkc_" + NAME;
        String rev = "obkc_" + NAME + "_rev";
        Map<String, Long> forward = changesByOrigin(connect.bootstrapServers(), fwd + "." + SRC + ".accounts", fwd + "." + SRC + ".items");
        Map<String, Long> backward = changesByOrigin(connect.bootstrapServers(), rev + "." + TGT + ".accounts", rev + "." + TGT + ".items");
        System.err.println("[both-directions] change records by origin: forward topics " + forward + ", reverse topics " + backward);
        for (String table : List.of("accounts", "items")) {
            assertThat(rows(maria, SRC + "." + table)).as("%s row by row (MariaDB, then seekdb)", table).isEqualTo(rows(ob, TGT + "." + table));
        }
        assertThat(forward.getOrDefault("mariadb", 0L)).as("forward topics carry MariaDB's changes").isPositive();
        assertThat(backward.getOrDefault("oceanbase", 0L)).as("reverse topics carry OceanBase's changes").isPositive();
        assertThat(forward.getOrDefault("oceanbase", 0L)).as("echo: OceanBase changes read back from MariaDB's binlog " + forward).isZero();
        assertThat(backward.getOrDefault("mariadb", 0L)).as("echo: forward-applied changes captured on OceanBase " + backward).isZero();

        Run release = cli("release", "-p", p, "--yes");
        assertThat(release.exit()).as("release: %s", release).isZero();
        assertThat(release.out()).contains("dropped the reverse change log");
        try (Connection c = ob.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + TGT + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("change-log triggers removed by release").isZero();
        }
        try (Connection c = ob.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'obkc_mig_" + NAME + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the marker database with the reverse change log dropped").isZero();
        }
    }

    /**
     * One side's application: per round an insert of a new row in its key range, an update of it, an update of one of its
     * initial rows, every third round a delete of an earlier new row, and every other round these in one transaction.
     */
    private static Callable<Integer> writer(DatabaseEndpoint db, String database, int base, int parity) {
        return () -> {
            try (Connection c = db.connect(database);
                    PreparedStatement insAcct = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?, ?)");
                    PreparedStatement updAcct = c.prepareStatement("UPDATE accounts SET balance = balance + ?, note = ? WHERE id = ?");
                    PreparedStatement insItem = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)");
                    PreparedStatement updItem = c.prepareStatement("UPDATE items SET qty = qty + 1, label = ? WHERE id = ?");
                    PreparedStatement delAcct = c.prepareStatement("DELETE FROM accounts WHERE id = ?");
                    PreparedStatement delItem = c.prepareStatement("DELETE FROM items WHERE id = ?")) {
                for (int i = 1; i <= ROUNDS; i++) {
                    c.setAutoCommit(i % 2 == 1);
                    int id = base + i;
                    insAcct.setInt(1, id);
                    insAcct.setString(2, "owner " + id);
                    insAcct.setBigDecimal(3, new BigDecimal(i + ".25"));
                    insAcct.setString(4, i % 5 == 0 ? null : "round " + i);
                    insAcct.executeUpdate();
                    insItem.setLong(1, id);
                    insItem.setString(2, i % 7 == 0 ? null : "item " + id);
                    insItem.setInt(3, i);
                    insItem.executeUpdate();
                    updAcct.setBigDecimal(1, new BigDecimal("1.01"));
                    updAcct.setString(2, "updated in round " + i);
                    updAcct.setInt(3, id);
                    updAcct.executeUpdate();
                    int initial = 2 * ((i - 1) % 50) + parity;   // this side's own initial rows (odd: MariaDB, even: OceanBase)
                    updAcct.setBigDecimal(1, BigDecimal.ONE);
                    updAcct.setString(2, i % 3 == 0 ? null : "touched in round " + i);
                    updAcct.setInt(3, initial);
                    updAcct.executeUpdate();
                    updItem.setString(1, "label " + i);
                    updItem.setLong(2, initial);
                    updItem.executeUpdate();
                    if (i % 3 == 0) {
                        delAcct.setInt(1, id - 2);
                        delAcct.executeUpdate();
                        delItem.setLong(1, id - 1);
                        delItem.executeUpdate();
                    }
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                }
            }
            return ROUNDS;
        };
    }

    private static boolean equal(DatabaseEndpoint maria, DatabaseEndpoint ob) throws Exception {
        for (String table : List.of("accounts", "items")) {
            if (!rows(maria, SRC + "." + table).equals(rows(ob, TGT + "." + table))) {
                return false;
            }
        }
        return true;
    }

    /** Change records (op c, u, d; not snapshot reads, not tombstones) in the topics, counted by the origin of their key. */
    private static Map<String, Long> changesByOrigin(String bootstrap, String... topics) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "67108864");
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t, Duration.ofSeconds(30)).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
            }
            assertThat(parts).as("partitions of %s", List.of(topics)).isNotEmpty();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading %s to its end", List.of(topics)).isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null || r.key() == null) {
                        continue;
                    }
                    JsonNode value = JSON.readTree(r.value()).get("payload");
                    String op = value.path("op").asText();
                    if (!List.of("c", "u", "d").contains(op)) {
                        continue;
                    }
                    long id = JSON.readTree(r.key()).get("payload").get("id").asLong();
                    counts.merge(origin(id), 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}
