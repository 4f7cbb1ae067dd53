package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import java.util.Set;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.run.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code netmoe} command line. */
@Command(name = "netmoe", mixinStandardHelpOptions = true, versionProvider = NetMoe.Version.class,
        description = "NetMoE: a reinforcement-learning workbench for Mixture-of-Experts network optimization.",
        footer = {"", "Sweeps over seeds and configs on Apache Spark: ./netmoe sweep FILE (module sweep; the launcher adds"
                + " Spark for that command only)."},
        subcommands = {ListCommand.class, CheckEnvCommand.class, TrainCommand.class, PlotCommand.class, ExperimentCommand.class, ResumeCommand.class, InspectCommand.class, EvalCommand.class, ExportCommand.class, NspCurvesCommand.class, BenchCommand.class,
                DesCommand.class,
                DoctorCommand.class,
                CommandLine.HelpCommand.class})
public final class NetMoe implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Commands that compute, printing the backend they run on at start-up (stderr). */
    private static final Set<String> COMPUTE = Set.of("train", "resume", "eval", "experiment", "bench");

    /**
     * The configured command line, with one-line errors for bad input, the {@link ExtraCommand}s on
     * the classpath, and the backend line on the process's stderr when a compute command starts.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NetMoe());
        for (ExtraCommand extra : ServiceLoader.load(ExtraCommand.class)) {
            cl.addSubcommand(extra);
        }
        cl.setExecutionExceptionHandler(NetMoe::handle);
        // A bad flag or flag value: one line naming it, exit 2 (picocli would print the whole usage).
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("netmoe: error: " + e.getMessage() + " (see " + c.getCommandSpec().qualifiedName()
                    + " --help)");
            c.getErr().flush();
            return 2;
        });
        cl.setExecutionStrategy(parsed -> {
            if (isCompute(parsed)) {
                // The process's stderr, not the command's error writer: that one carries the one-line error contract.
                System.err.println(BackendInfo.current().banner());
                System.err.flush();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    private static boolean isCompute(CommandLine.ParseResult parsed) {
        boolean compute = false;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
            Object command = p.commandSpec().userObject();
            compute |= COMPUTE.contains(p.commandSpec().name())
                    || command instanceof ExtraCommand extra && extra.compute();
        }
        return compute;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Bad input (config, flag, file) is one line on stderr and exit code 2; any other failure is
     * one line and exit code 1, with the stack trace only when {@code NETMOE_DEBUG} is set.
     */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            // One line whatever the message holds (a value quoted from a file may span lines).
            err.println("netmoe: error: " + Runs.oneLine(e));
            return 2;
        }
        err.println("netmoe: failed: " + e);
        if (System.getenv("NETMOE_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set NETMOE_DEBUG=1 for the stack trace)");
        }
        return 1;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netmoe " + RunProvenance.version(),
                    "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
