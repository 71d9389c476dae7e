package io.obkc.rocketmq.it;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * A real RocketMQ 5 name server and broker (the versions on the test class path, from Maven Central) inside the test
 * JVM, as RocketMQ's own integration tests run them. Topics are not created automatically, as on production clusters.
 */
final class InJvmRocketMq5 implements RocketMqCluster {
    private final Path dir;
    private final int brokerPort;
    private final NamesrvController namesrv;
    private final String namesrvAddr;
    private BrokerController broker;

    private InJvmRocketMq5(Path dir) throws Exception {
        this.dir = dir;
        NamesrvConfig nc = new NamesrvConfig();
        nc.setRocketmqHome(dir.toString());
        nc.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        nc.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig ns = new NettyServerConfig();
        ns.setListenPort(FreePorts.one());
        namesrv = new NamesrvController(nc, ns, new NettyClientConfig());
        if (!namesrv.initialize()) {
            throw new IllegalStateException("RocketMQ name server did not initialize");
        }
        namesrv.start();
        namesrvAddr = "127.0.0.1:" + ns.getListenPort();
        brokerPort = FreePorts.one();
        startBroker();
    }

    static InJvmRocketMq5 start(String name) throws Exception {
        long t0 = System.nanoTime();
        InJvmRocketMq5 c = new InJvmRocketMq5(Files.createTempDirectory("obkc-rocketmq5-" + name));
        System.err.printf("[rocketmq] %s name server %s, broker %s started in JVM in %d ms%n", c.version(), c.namesrvAddr,
                c.brokerAddr(), (System.nanoTime() - t0) / 1_000_000);
        return c;
    }

    @Override
    public String version() {
        return MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION);
    }

    @Override
    public String namesrvAddr() {
        return namesrvAddr;
    }

    @Override
    public String brokerAddr() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public synchronized void startBroker() throws Exception {
        BrokerConfig bc = new BrokerConfig();
        bc.setRocketmqHome(dir.toString());
        bc.setNamesrvAddr(namesrvAddr);
        bc.setBrokerIP1("127.0.0.1");
        bc.setBrokerClusterName("obkc-it");
        bc.setBrokerName("obkc-broker-a");
        bc.setAutoCreateTopicEnable(false);
        bc.setListenPort(brokerPort);
        MessageStoreConfig ms = new MessageStoreConfig();
        ms.setStorePathRootDir(dir.resolve("store").toString());
        ms.setStorePathCommitLog(dir.resolve("store/commitlog").toString());
        ms.setMappedFileSizeCommitLog(64 * 1024 * 1024);
        ms.setMappedFileSizeConsumeQueue(30_000 * 20);
        ms.setHaListenPort(FreePorts.one());
        NettyServerConfig bs = new NettyServerConfig();
        bs.setListenPort(brokerPort);
        long t0 = System.nanoTime();
        BrokerController b = new BrokerController(bc, bs, new NettyClientConfig(), ms);
        if (!b.initialize()) {
            throw new IllegalStateException("RocketMQ broker did not initialize (store " + dir + ")");
        }
        long t1 = System.nanoTime();
        b.start();
        broker = b;
        System.err.printf("[rocketmq] broker initialized in %d ms, started in %d ms%n", (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
    }

    @Override
    public synchronized void stopBroker() {
        if (broker != null) {
            broker.shutdown();
            broker = null;
        }
    }

    @Override
    public void close() {
        stopBroker();
        namesrv.shutdown();
        TempDirs.delete(dir);
    }
}
