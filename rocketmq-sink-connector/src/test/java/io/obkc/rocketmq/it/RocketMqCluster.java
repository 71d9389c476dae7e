package io.obkc.rocketmq.it;

/** A name server and one broker for the tests; the broker can be stopped and started again on the same store. */
interface RocketMqCluster extends AutoCloseable {
    String version();

    String namesrvAddr();

    /** The broker's address, host:port, for admin requests (topic creation). */
    String brokerAddr();

    void stopBroker() throws Exception;

    void startBroker() throws Exception;

    @Override
    void close();
}
