package io.obkc.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The OceanBase target: seekdb, either a private instance the harness owns (its own base dir and port, so that
 * restarting it disturbs nobody) or the test bed's (scripts/test-env.sh), which is restarted only when allowed and is
 * always left running. A restart is what a crash looks like: kill -9, then the same start command as test-env.sh.
 */
final class Seekdb {
    static final String SINK_USER = "obkc_faults";
    static final String SINK_PASSWORD = "obkc_faults";
    private final HarnessOptions o;
    private final Path pidFile;
    private final Path baseDir;

    Seekdb(HarnessOptions o) {
        this.o = o;
        this.baseDir = o.privateTarget ? o.privateSeekdbDir : o.testEnvDir.resolve("seekdb");
        this.pidFile = baseDir.resolve("seekdb.pid");
    }

    String jdbcUrl(String db) {
        return "jdbc:mysql://" + o.obHost + ":" + o.obPort + "/" + db + "?useSSL=false&allowPublicKeyRetrieval=true"
                + "&connectTimeout=5000&socketTimeout=120000";
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""), o.obAdminUser, o.obAdminPassword);
    }

    boolean ping() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Starts the instance when nothing answers on its port, then creates the sink's user. */
    void ensureUp() throws IOException, SQLException {
        if (!ping()) {
            if (o.privateTarget) {
                wipePrivateStore();
            }
            start();
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS '" + SINK_USER + "'@'%' IDENTIFIED BY '" + SINK_PASSWORD + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + SINK_USER + "'@'%'");
        }
    }

    /**
     * A private seekdb starts each run from an empty store. Reusing the store of an earlier run that restarted it with
     * kill -9 left DROP DATABASE answering -4023 (EAGAIN) for longer than the harness's 120 s socket timeout, so setup
     * failed before the first fault. Only a directory with the layout seekdb creates is emptied.
     */
    private void wipePrivateStore() throws IOException {
        if (!Files.isDirectory(baseDir)) {
            return;
        }
        if (!Files.isDirectory(baseDir.resolve("store")) && !Files.exists(pidFile)) {
            throw new IllegalStateException(baseDir + " exists but is not a seekdb base dir of the harness; choose another --private-seekdb-dir");
        }
        try (var paths = Files.walk(baseDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(baseDir)) {
                    Files.delete(p);
                }
            }
        }
        Log.info("emptied the private seekdb's base dir " + baseDir + " (a fresh store for this run)");
    }

    private void start() throws IOException {
        if (o.privateTarget) {
            Files.createDirectories(baseDir);
            List<String> cmd = List.of(seekdbBinary(), "--base-dir=" + baseDir, "--port", String.valueOf(o.obPort), "--nodaemon",
                    "--parameter", "memory_limit=3G", "--parameter", "log_disk_size=2G", "--parameter", "datafile_size=1G");
            Process p = new ProcessBuilder(cmd).directory(baseDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("stdout.log").toFile())).start();
            Files.writeString(pidFile, p.pid() + "\n");
            Log.info("started private seekdb (pid " + p.pid() + ") on " + o.obHost + ":" + o.obPort + ", base dir " + baseDir);
        } else {
            // The test bed's own start command (nohup seekdb ..., pid file, user grants): scripts/test-env.sh up.
            Log.info("starting the test bed's seekdb: scripts/test-env.sh up");
            Process p = new ProcessBuilder("bash", o.repoDir.resolve("scripts/test-env.sh").toString(), "up")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(o.runDir.resolve("test-env.out").toFile()))
                    .start();
            p.getOutputStream().close();
            try {
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!Await.until(Duration.ofSeconds(240), Duration.ofSeconds(1), this::ping)) {
            throw new IllegalStateException("seekdb on " + o.obHost + ":" + o.obPort + " not answering within 240 s; see "
                    + baseDir.resolve("stdout.log"));
        }
    }

    private static String seekdbBinary() throws IOException {
        Process p = new ProcessBuilder("python3", "-c",
                "import os, pylibseekdb; print(os.path.join(os.path.dirname(pylibseekdb.__file__), 'seekdb'))").start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (out.isEmpty()) {
            throw new IllegalStateException("seekdb not found: pip install pylibseekdb (scripts/test-env.sh up does)");
        }
        return out;
    }

    /** kill -9 of the seekdb process, then the same start; answers how long it was unreachable. */
    Duration restart() throws IOException {
        long t0 = System.nanoTime();
        Optional<ProcessHandle> h = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        if (h.isEmpty() || !h.get().isAlive()) {
            throw new IllegalStateException("no live seekdb process from " + pidFile + ": cannot restart it");
        }
        h.get().destroyForcibly();
        h.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
        Log.info("kill -9 seekdb (pid " + h.get().pid() + ")");
        start();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** KILL of every session of the sink's user (SHOW PROCESSLIST); answers how many were killed. */
    int killSinkSessions() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
                while (rs.next()) {
                    if (SINK_USER.equals(rs.getString("User"))) {
                        ids.add(rs.getLong("Id"));
                    }
                }
            }
            int killed = 0;
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                    killed++;
                } catch (SQLException e) {
                    // The session ended between SHOW PROCESSLIST and KILL.
                }
            }
            return killed;
        }
    }

    /** Private instance: stop it (frees its memory). Test bed: make sure it runs. */
    void finish(boolean keepPrivate) {
        try {
            if (o.privateTarget) {
                if (!keepPrivate && Files.exists(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(h -> {
                        h.destroy();
                        h.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
                        h.destroyForcibly();
                    });
                    Log.info("stopped the private seekdb");
                }
            } else if (!ping()) {
                start();
            }
        } catch (IOException | RuntimeException e) {
            Log.info("WARNING: could not bring seekdb to its final state: " + e);
        }
    }
}
