package io.obkc.rocketmq;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.apache.rocketmq.remoting.exception.RemotingSendRequestException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/** Tells apart why a route lookup failed, so the message says what to fix. */
enum RouteProblem {
    NAME_SERVER_UNREACHABLE,
    TOPIC_NOT_FOUND,
    OTHER;

    static RouteProblem of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RemotingConnectException || t instanceof RemotingTimeoutException
                    || t instanceof RemotingSendRequestException) {
                return NAME_SERVER_UNREACHABLE;
            }
            if (t instanceof MQClientException m && m.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST
                    || t instanceof MQBrokerException b && b.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return TOPIC_NOT_FOUND;
            }
        }
        return OTHER;
    }

    /** A message for a user: what failed, on which name server and topic, and what to do. */
    static String describe(Throwable failure, String topic, String namesrv) {
        return switch (of(failure)) {
            case NAME_SERVER_UNREACHABLE -> "RocketMQ name server " + namesrv + " is not reachable (looking up topic '" + topic
                    + "'): check " + RocketMqSinkConfig.NAMESRV_ADDR + " and that the name server is running";
            case TOPIC_NOT_FOUND -> "RocketMQ topic '" + topic + "' does not exist on name server " + namesrv
                    + ", or no broker serving it is up: create it (e.g. `mqadmin updateTopic -n " + namesrv + " -c <cluster> -t " + topic
                    + "`) or check the brokers; the connector never creates topics";
            case OTHER -> "No route to RocketMQ topic '" + topic + "' from name server " + namesrv + ": " + rootMessage(failure);
        };
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (cause: " + root + ")";
    }
}
