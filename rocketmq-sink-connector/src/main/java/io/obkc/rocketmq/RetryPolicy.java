package io.obkc.rocketmq;

import java.util.function.Function;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an action up to 1 + retries times with a fixed backoff; the last failure becomes the task's error. */
final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    interface Action<T> {
        T run() throws Exception;
    }

    private final int retries;
    private final long backoffMs;

    RetryPolicy(int retries, long backoffMs) {
        this.retries = retries;
        this.backoffMs = backoffMs;
    }

    int retries() {
        return retries;
    }

    <T> T run(String what, Action<T> action, Function<Exception, ConnectException> onGiveUp) {
        for (int attempt = 0; ; attempt++) {
            try {
                return action.run();
            } catch (NonRetriable e) {
                throw onGiveUp.apply(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while trying to " + what, e);
            } catch (Exception e) {
                if (attempt >= retries) {
                    throw onGiveUp.apply(e);
                }
                LOG.warn("Could not {} (try {} of {}), retrying in {} ms: {}", what, attempt + 1, retries + 1, backoffMs,
                        RouteProblem.rootMessage(e));
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("Interrupted while waiting to retry: " + what, e);
                }
            }
        }
    }

    /** A failure that another try cannot fix (a message the broker will never accept, for one). */
    static final class NonRetriable extends Exception {
        NonRetriable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
