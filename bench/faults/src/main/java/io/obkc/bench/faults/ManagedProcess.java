package io.obkc.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One child process the harness started (broker, Connect worker, private seekdb). Its pid goes to
 * {@code <name>.pid} in the run directory so that run.sh can end leftovers of a harness that was itself killed.
 */
final class ManagedProcess {
    private final String name;
    private List<String> command;
    private final Path runDir;
    private final Path workDir;
    private Process process;
    private int starts;

    ManagedProcess(String name, List<String> command, Path runDir, Path workDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.runDir = runDir;
        this.workDir = workDir;
    }

    /** The command line of the next start. */
    synchronized void setCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        starts++;
        Files.createDirectories(workDir);
        Path out = runDir.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        process = pb.start();
        Files.writeString(runDir.resolve(name + ".pid"), process.pid() + "\n");
        Log.info("started " + name + " (pid " + process.pid() + ", start #" + starts + ", output " + out + ")");
    }

    /** SIGKILL: no shutdown hook, no offset commit, no clean leave of the group. */
    synchronized void kill9() {
        if (process == null) {
            return;
        }
        long pid = process.pid();
        process.destroyForcibly();
        waitExit();
        Log.info("kill -9 " + name + " (pid " + pid + ")");
    }

    /** SIGTERM and wait: a worker leaves its group cleanly. Falls back to SIGKILL after 60 s. */
    synchronized void stopGracefully() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                Log.info(name + " did not stop within 60 s of SIGTERM: kill -9");
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waitExit();
        Log.info("stopped " + name);
    }

    private void waitExit() {
        try {
            process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    String name() {
        return name;
    }
}
