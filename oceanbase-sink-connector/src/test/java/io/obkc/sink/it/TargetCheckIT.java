package io.obkc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.obkc.sink.OceanBaseSinkConnector;
import io.obkc.testing.DatabaseEndpoint;
import io.obkc.testing.TestBed;

/**
 * validate() connects (issue 14): each broken connection setting is reported within seconds, once, on the setting at
 * fault, against the real seekdb of the test bed and local sockets that refuse or never answer. Addresses outside this
 * machine are never used: the "blackhole" is a local listener whose accept queue is full, which drops the handshake.
 */
class TargetCheckIT {
    /** A user of this class only, with read rights alone: what the privilege check must catch. */
    private static final String READ_ONLY_USER = "tcheck_it_ro";
    /** validate() gives each network step at most 5 s; the whole check must stay well inside the REST timeout. */
    private static final long FAST_MS = 12_000;

    private static DatabaseEndpoint ob;

    @BeforeAll
    static void users() throws Exception {
        ob = TestBed.oceanbase();
        ob.execute("DROP USER IF EXISTS '" + READ_ONLY_USER + "'@'%'",
                "CREATE USER '" + READ_ONLY_USER + "'@'%' IDENTIFIED BY 'ro'",
                "GRANT SELECT ON *.* TO '" + READ_ONLY_USER + "'@'%'");
    }

    @AfterAll
    static void dropUsers() throws Exception {
        if (ob != null) {
            ob.execute("DROP USER IF EXISTS '" + READ_ONLY_USER + "'@'%'");
        }
    }

    private static Map<String, String> config(String url, String user, String password) {
        Map<String, String> p = new HashMap<>();
        p.put("connection.url", url);
        p.put("connection.user", user);
        p.put("connection.password", password);
        return p;
    }

    private static Map<String, String> good(String scheme) {
        return config(scheme + ob.host() + ":" + ob.port() + "/", ob.user(), ob.password());
    }

    /** Errors per setting, and the check took less than {@link #FAST_MS}. */
    private static Map<String, List<String>> validate(Map<String, String> props) {
        long start = System.nanoTime();
        List<ConfigValue> values = new OceanBaseSinkConnector().validate(props).configValues();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("validate() took %d ms", ms).isLessThan(FAST_MS);
        return values.stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aWorkingTargetPassesWithEitherBundledDriver() {
        assertThat(validate(good("jdbc:mysql://"))).isEmpty();
        assertThat(validate(good("jdbc:oceanbase://"))).isEmpty();
    }

    @Test
    void wrongPasswordIsReportedOnThePassword() {
        for (String scheme : List.of("jdbc:mysql://", "jdbc:oceanbase://")) {
            Map<String, String> p = good(scheme);
            p.put("connection.password", "wrong-" + ob.password());
            Map<String, List<String>> errors = validate(p);
            assertThat(errors).as(scheme).containsOnlyKeys("connection.password");
            assertThat(errors.get("connection.password")).as(scheme).singleElement().asString()
                    .contains("Access denied").contains(ob.user()).doesNotContain("wrong-" + ob.password());
        }
    }

    @Test
    void closedPortIsReportedOnTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, List<String>> errors = validate(config("jdbc:mysql://127.0.0.1:" + port + "/", "u", "p"));
        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url")).singleElement().asString().contains("Nothing accepts connections on 127.0.0.1:" + port);
    }

    @Test
    void unknownHostIsReportedOnTheUrl() {
        // .invalid never resolves (RFC 2606).
        Map<String, List<String>> errors = validate(config("jdbc:oceanbase://no-such-host.invalid:2881/", "u", "p"));
        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url")).singleElement().asString().contains("Unknown host 'no-such-host.invalid'");
    }

    @Test
    void aHostThatNeverAnswersFailsFastOnTheUrl() throws IOException {
        // Backlog 1 and never accept(): once the accept queue is full, the kernel drops further handshakes, as a
        // blackhole route does, and a connection that did get queued never sees the server's greeting.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(silent.getLocalSocketAddress(), 300);
                        fillers.add(f);
                    } catch (IOException full) {
                        f.close();
                        break;
                    }
                }
                Map<String, List<String>> errors = validate(config("jdbc:mysql://127.0.0.1:" + silent.getLocalPort() + "/", "u", "p"));
                assertThat(errors).containsOnlyKeys("connection.url");
                assertThat(errors.get("connection.url")).singleElement().asString().containsAnyOf("No answer from", "did not complete");
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void aServerThatAcceptsButNeverGreetsFailsFastOnTheUrl() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(mute.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "mute-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, List<String>> errors = validate(config("jdbc:mysql://127.0.0.1:" + mute.getLocalPort() + "/", "u", "p"));
            assertThat(errors).containsOnlyKeys("connection.url");
            assertThat(errors.get("connection.url")).singleElement().asString().contains("did not complete the MySQL handshake");
        }
    }

    @Test
    void missingPrivilegesAreReportedOnTheFeatureThatNeedsThem() {
        Map<String, String> p = config("jdbc:mysql://" + ob.host() + ":" + ob.port() + "/", READ_ONLY_USER, "ro");
        Map<String, List<String>> errors = validate(p);
        assertThat(errors.get("connection.user")).singleElement().asString().contains("INSERT, UPDATE").doesNotContain("SELECT,");
        assertThat(errors.get("delete.enabled")).singleElement().asString().contains("DELETE");
        assertThat(errors.get("auto.create")).singleElement().asString().contains("CREATE");
        assertThat(errors.get("ddl.sync.enabled")).singleElement().asString().contains("ALTER");

        // Turning the features off removes their complaints; writing rows still needs INSERT and UPDATE.
        p.put("delete.enabled", "false");
        p.put("truncate.enabled", "false");
        p.put("auto.create", "false");
        p.put("auto.evolve", "false");
        p.put("ddl.sync.enabled", "false");
        assertThat(validate(p)).containsOnlyKeys("connection.user");
    }

    @Test
    void anUnresolvedConfigProviderReferenceIsLeftToTheWorker() {
        Map<String, String> p = good("jdbc:mysql://");
        p.put("connection.password", "${file:/nonexistent.properties:password}");
        assertThat(validate(p)).isEmpty();
    }
}
