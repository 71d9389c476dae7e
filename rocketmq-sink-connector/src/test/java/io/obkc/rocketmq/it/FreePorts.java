package io.obkc.rocketmq.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

final class FreePorts {
    private FreePorts() {
    }

    static int one() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port p such that p-2, p and p+1 are free: a RocketMQ 4 broker listens on all three (VIP channel and HA). */
    static int brokerTriple() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (free(p - 2) && free(p) && free(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("No three free ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
