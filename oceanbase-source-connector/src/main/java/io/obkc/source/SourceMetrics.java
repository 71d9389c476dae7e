package io.obkc.source;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The task's metrics, registered as an MXBean (see {@link SourceMetricsMXBean}); every capture mode updates them. */
public final class SourceMetrics implements SourceMetricsMXBean, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceMetrics.class);

    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong snapshotRows = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Map<String, Long> perTable = new ConcurrentHashMap<>();
    private final AtomicInteger tablesCompleted = new AtomicInteger();
    private volatile int tablesTotal;
    private volatile boolean snapshotRunning;
    private volatile long lastCommitMs = -1;
    private ObjectName name;
    /** Which instance owns each registered name; guarded by itself. */
    private static final Map<ObjectName, SourceMetrics> OWNERS = new HashMap<>();

    public static SourceMetrics register(String serverName) {
        SourceMetrics m = new SourceMetrics();
        synchronized (OWNERS) {
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName n = new ObjectName("io.obkc.source:type=source-task,server=" + ObjectName.quote(serverName));
                if (server.isRegistered(n)) {
                    // A restarted task takes the name over from a predecessor that has not released it yet.
                    server.unregisterMBean(n);
                }
                server.registerMBean(m, n);
                m.name = n;
                OWNERS.put(n, m);
            } catch (JMException e) {
                LOG.warn("Could not register the source task's metrics MBean: {}", e.getMessage());
            }
        }
        return m;
    }

    public void snapshotStarted(int tables) {
        tablesTotal = tables;
        tablesCompleted.set(0);
        perTable.clear();
        snapshotRunning = true;
    }

    public void snapshotRow(String table) {
        rows.incrementAndGet();
        snapshotRows.incrementAndGet();
        perTable.merge(table, 1L, Long::sum);
    }

    public void snapshotTableDone() {
        tablesCompleted.incrementAndGet();
    }

    public void snapshotDone() {
        snapshotRunning = false;
    }

    public void change(long commitMs) {
        rows.incrementAndGet();
        lastCommitMs = commitMs;
    }

    public void imageCompleted() {
        completed.incrementAndGet();
    }

    @Override
    public long getImagesCompletedFromFlashback() {
        return completed.get();
    }

    /** Caught up at a point in source time (an empty poll at that SCN). */
    public void caughtUp(long sourceMs) {
        lastCommitMs = sourceMs;
    }

    @Override
    public long getRowsCaptured() {
        return rows.get();
    }

    @Override
    public long getSnapshotRowsCaptured() {
        return snapshotRows.get();
    }

    @Override
    public Map<String, Long> getSnapshotRowsPerTable() {
        return new TreeMap<>(perTable);
    }

    @Override
    public int getSnapshotTablesCompleted() {
        return tablesCompleted.get();
    }

    @Override
    public int getSnapshotTablesTotal() {
        return tablesTotal;
    }

    @Override
    public boolean isSnapshotRunning() {
        return snapshotRunning;
    }

    @Override
    public long getMilliSecondsBehindSource() {
        long c = lastCommitMs;
        return c < 0 ? -1 : Math.max(0, System.currentTimeMillis() - c);
    }

    @Override
    public void close() {
        if (name == null) {
            return;
        }
        synchronized (OWNERS) {
            // Only the current owner of the name unregisters it: a predecessor that stops after its successor started
            // must not take the successor's metrics away.
            if (!OWNERS.remove(name, this)) {
                return;
            }
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("Source task metrics {} were already unregistered: {}", name, e.getMessage());
            }
        }
    }
}
