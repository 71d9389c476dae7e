package io.obkc.migration.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obkc.migration.precheck.Check;
import io.obkc.migration.project.LoadedProject;
import io.obkc.migration.project.ProjectException;
import io.obkc.migration.project.ProjectLoader;
import io.obkc.migration.run.ProjectRunner;
import io.obkc.migration.status.StatusCollector;
import io.obkc.migration.status.StatusReport;
import io.obkc.migration.tools.ToolRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code obkc-migrate}: runs a migration project (docs/migration-guide.md) from its project file. */
@Command(name = "obkc-migrate", mixinStandardHelpOptions = true, version = "OBKC migration 0.1.0",
        description = {"Runs a migration project from a project file (YAML or JSON): precheck, start (schema migration, then the "
                + "source and sink connectors through the Kafka Connect REST API), status, verify, switchover, reverse, stop, release.",
                "Every subcommand is idempotent and resumable: progress is kept in <name>.obkc/state.json next to the project file.",
                "Exit codes: 0 ok, 1 not ok (blockers, differences, not caught up, a failed object), 2 error (bad input, unreachable)."},
        subcommands = {MigrateCommand.Precheck.class, MigrateCommand.Start.class, MigrateCommand.Status.class, MigrateCommand.Verify.class,
                MigrateCommand.Switchover.class, MigrateCommand.Reverse.class, MigrateCommand.Stop.class, MigrateCommand.Release.class})
public final class MigrateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests execute it directly and read its exit code). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MigrateCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + (ex instanceof ProjectException ? ex.getMessage() : ex.toString()));
            return ProjectRunner.ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return ProjectRunner.ERROR;
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ProjectRunner.ERROR;
    }

    /** The project file option every subcommand takes. */
    static final class ProjectOption {
        @Option(names = {"-p", "--project"}, required = true, paramLabel = "FILE", description = "The project file (YAML or JSON).")
        Path file;

        LoadedProject load() {
            return ProjectLoader.load(file);
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @Mixin
        ProjectOption project;
        // Lets "<subcommand> --help" show the subcommand's options instead of failing on the missing --project.
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        ProjectRunner runner() {
            return new ProjectRunner(project.load(), out());
        }
    }

    @Command(name = "precheck", description = "Checks every condition the project's steps need; each check is ok, warning or blocker, with the fix.")
    static final class Precheck extends Sub {
        @Option(names = "--json", description = "Print the checks as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Check> checks = runner().precheck();
            PrintWriter o = out();
            if (json) {
                o.println(JSON.writeValueAsString(checks));
            } else {
                for (Check c : checks) {
                    o.printf(Locale.ROOT, "%-8s %-20s %s%n", c.level(), c.subject(), c.detail());
                    if (!c.fix().isEmpty()) {
                        o.printf(Locale.ROOT, "%-8s %-20s fix: %s%n", "", "", c.fix());
                    }
                }
                long blockers = checks.stream().filter(c -> c.level() == Check.Level.BLOCKER).count();
                long warnings = checks.stream().filter(c -> c.level() == Check.Level.WARNING).count();
                o.println(blockers + " blocker(s), " + warnings + " warning(s)");
            }
            o.flush();
            return checks.stream().anyMatch(c -> c.level() == Check.Level.BLOCKER) ? ProjectRunner.NOT_OK : ProjectRunner.OK;
        }
    }

    @Command(name = "start", description = "Runs the precheck, migrates the schema, then creates (or updates and resumes) the source and sink connectors.")
    static final class Start extends Sub {
        @Option(names = "--skip-precheck", description = "Start even when the precheck finds blockers.")
        boolean skipPrecheck;

        @Override
        public Integer call() {
            int r = runner().start(skipPrecheck);
            out().flush();
            return r;
        }
    }

    @Command(name = "status", description = "Per step and per table: rows on both sides, progress and ETA, lag behind the source, "
            + "DLQ records, connector and task states. Exit 0 when caught up (safe to switch over), else 1.")
    static final class Status extends Sub {
        @Option(names = "--json", description = "Print the status as JSON.")
        boolean json;
        @Option(names = "--wait-caught-up", paramLabel = "SECONDS", defaultValue = "0",
                description = "Poll until caught up or SECONDS passed (default: report once).")
        long waitSeconds;

        @Override
        public Integer call() throws Exception {
            ProjectRunner runner = runner();
            StatusCollector collector = new StatusCollector(project.load(), runner.connect());
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            StatusReport report = collector.collect(runner.state());
            while (!report.caughtUp() && System.nanoTime() < deadline
                    && report.connectors().stream().noneMatch(c -> c.error() != null)) {
                Thread.sleep(1000); // polling interval of a wait with a deadline
                report = collector.collect(runner.state());
            }
            runner.saveState();
            out().print(json ? JSON.writeValueAsString(report) + System.lineSeparator() : report.text());
            out().flush();
            return report.caughtUp() ? ProjectRunner.OK : ProjectRunner.NOT_OK;
        }
    }

    @Command(name = "verify", description = "Verifies the data online with obkc-verify (rows in flight are re-checked). Exit: the verifier's.")
    static final class Verify extends Sub {
        @Option(names = "--json", description = "Print the verifier's JSON summary.")
        boolean json;

        @Override
        public Integer call() {
            ToolRunner.Result r = runner().verify(json);
            out().print(r.out());
            spec.commandLine().getErr().print(r.err());
            out().flush();
            return r.exitCode();
        }
    }

    @Command(name = "switchover", description = "Catch-up proof with a marker row, final verification, forward connectors stopped, deferred "
            + "constraints restored and helper columns dropped; resumable.")
    static final class Switchover extends Sub {
        @Override
        public Integer call() {
            int r = runner().switchover();
            out().flush();
            return r;
        }
    }

    @Command(name = "reverse", description = "After switchover: OceanBase changes flow back to the MySQL-family source. options.reverse-mode "
            + "one-direction (default): the forward connectors stay stopped; both-directions: they are resumed, loop-free by origin markers.")
    static final class Reverse extends Sub {
        @Override
        public Integer call() {
            int r = runner().reverse();
            out().flush();
            return r;
        }
    }

    @Command(name = "stop", description = "Stops the project's connectors, keeping their configuration and offsets (start resumes them).")
    static final class Stop extends Sub {
        @Override
        public Integer call() {
            int r = runner().stop();
            out().flush();
            return r;
        }
    }

    @Command(name = "release", description = "Deletes the connectors, the PostgreSQL slot and publication, the marker tables and the project's "
            + "topics. The migrated data stays.")
    static final class Release extends Sub {
        @Option(names = "--yes", required = true, description = "Confirms the release.")
        boolean yes;

        @Override
        public Integer call() {
            int r = runner().release();
            out().flush();
            return r;
        }
    }
}
