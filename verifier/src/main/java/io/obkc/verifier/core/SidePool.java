package io.obkc.verifier.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queries of one side run here: a fixed number of threads, each with its own connection, so the number of
 * connections to a database is bounded by {@code connections}. A shared {@link Throttle} limits queries per second.
 */
public final class SidePool implements AutoCloseable {
    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Endpoint endpoint;
    private final ExecutorService executor;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final Throttle throttle;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong resultBytes = new AtomicLong();
    private final AtomicLong serverBytes = new AtomicLong();

    public SidePool(Endpoint endpoint, int connections, Throttle throttle) {
        this.endpoint = endpoint;
        this.throttle = throttle;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, connections), r -> {
            Thread t = new Thread(r, "verify-" + endpoint.role() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            throttle.acquire();
            Connection c = connection.get();
            try {
                if (c == null || c.isClosed()) {
                    c = endpoint.open();
                    connection.set(c);
                    opened.add(c);
                }
                queries.incrementAndGet();
                return work.run(c);
            } catch (SQLException e) {
                dropIfBroken(c);
                throw new VerifyException("Query on the " + endpoint + " failed: " + e.getMessage(), e);
            }
        }, executor);
    }

    /** Runs work and waits for it, unwrapping failures. */
    public <T> T call(SqlWork<T> work) {
        return Futures.join(submit(work));
    }

    private void dropIfBroken(Connection c) {
        try {
            if (c != null && !c.isValid(2)) {
                opened.remove(c);
                connection.remove();
                c.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }

    public void addResultBytes(long n) {
        resultBytes.addAndGet(n);
    }

    public long queries() {
        return queries.get();
    }

    public long resultBytes() {
        return resultBytes.get();
    }

    /** Server-reported bytes sent (MySQL/MariaDB Bytes_sent), summed over closed connections; -1 when unsupported. */
    public long serverBytes() {
        return serverBytes.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean known = true;
        for (Connection c : opened) {
            try {
                long b = endpoint.dialect().bytesSent(c);
                if (b < 0) {
                    known = false;
                } else {
                    serverBytes.addAndGet(b);
                }
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                known = false;
            }
        }
        if (!known || opened.isEmpty()) {
            serverBytes.set(-1);
        }
        opened.clear();
    }
}
