package io.obkc.rocketmq.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * RocketMQ 4.7.1, the version OMS supports, as its own startup classes run it: name server and broker in one forked
 * JVM (a 4.7.1 JVM does not exit by itself, and its class path must not meet RocketMQ 5's). The jars are copied from
 * Central by the build into {@code target/rocketmq-4.7.1} (system property {@code obkc.rocketmq471.lib}).
 * "Stopping the broker" kills that JVM (kill -9), name server included; starting it again reuses ports and store.
 */
final class ForkedRocketMq471 implements RocketMqCluster {
    private final Path home;
    private final Path lib;
    private final int namesrvPort;
    private final int brokerPort;
    private Process process;
    private int starts;

    private ForkedRocketMq471(Path home, Path lib) throws IOException {
        this.home = home;
        this.lib = lib;
        this.namesrvPort = FreePorts.one();
        this.brokerPort = FreePorts.brokerTriple();
        Path conf = Files.createDirectories(home.resolve("conf"));
        String logback = """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s/logs/%s.log</file>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{20} - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """;
        Files.writeString(conf.resolve("logback_namesrv.xml"), logback.formatted(home, "namesrv"));
        Files.writeString(conf.resolve("logback_broker.xml"), logback.formatted(home, "broker"));
        Files.writeString(conf.resolve("namesrv.properties"), "listenPort=" + namesrvPort + "\n"
                + "kvConfigPath=" + home.resolve("namesrv/kvConfig.json") + "\n");
        Files.writeString(conf.resolve("broker.properties"), String.join("\n",
                "brokerClusterName=obkc-it",
                "brokerName=obkc-broker-471",
                "brokerId=0",
                "brokerIP1=127.0.0.1",
                "listenPort=" + brokerPort,
                "namesrvAddr=127.0.0.1:" + namesrvPort,
                "autoCreateTopicEnable=false",
                "flushDiskType=ASYNC_FLUSH",
                "storePathRootDir=" + home.resolve("store"),
                "storePathCommitLog=" + home.resolve("store/commitlog"),
                "mappedFileSizeCommitLog=" + 64 * 1024 * 1024,
                "mappedFileSizeConsumeQueue=" + 30_000 * 20,
                "") );
    }

    static ForkedRocketMq471 start(String name) throws Exception {
        String libDir = System.getProperty("obkc.rocketmq471.lib");
        if (libDir == null || !Files.isDirectory(Path.of(libDir))) {
            throw new IllegalStateException("RocketMQ 4.7.1 jars not found (system property obkc.rocketmq471.lib=" + libDir
                    + "); run the tests with `mvn verify`, which copies them");
        }
        ForkedRocketMq471 c = new ForkedRocketMq471(Files.createTempDirectory("obkc-rocketmq471-" + name), Path.of(libDir));
        c.startBroker();
        return c;
    }

    @Override
    public String version() {
        return "4.7.1";
    }

    @Override
    public String namesrvAddr() {
        return "127.0.0.1:" + namesrvPort;
    }

    @Override
    public String brokerAddr() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public synchronized void startBroker() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = lib + File.separator + "*" + File.pathSeparator + Path.of(ForkedMains.class.getProtectionDomain()
                .getCodeSource().getLocation().getPath());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms128m", "-Xmx256m", "-XX:MaxDirectMemorySize=256m",
                "-Duser.home=" + home, "-Drocketmq.home.dir=" + home,
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "-cp", classPath, ForkedMains.class.getName(),
                "org.apache.rocketmq.namesrv.NamesrvStartup", "-c", home.resolve("conf/namesrv.properties").toString(), "--",
                "org.apache.rocketmq.broker.BrokerStartup", "-c", home.resolve("conf/broker.properties").toString()));
        Path log = Path.of("target", "rocketmq-4.7.1-" + home.getFileName() + "-" + (++starts) + ".out");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.err.printf("[rocketmq] 4.7.1 forked (pid %d): name server %s, broker %s; output in %s%n", process.pid(),
                namesrvAddr(), brokerAddr(), log.toAbsolutePath());
    }

    /** Kills the JVM at once, as a crash would. */
    @Override
    public synchronized void stopBroker() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RocketMQ 4.7.1 JVM (pid " + process.pid() + ") did not end");
            }
            process = null;
        }
    }

    @Override
    public void close() {
        try {
            stopBroker();
            TempDirs.delete(home);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
