package org.netmoe.training.cli;

import java.io.PrintWriter;
import org.netmoe.training.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netmoe} command line. */
@Command(name = "netmoe", mixinStandardHelpOptions = true, versionProvider = NetMoe.Version.class,
        description = "NetMoE: a reinforcement-learning workbench for Mixture-of-Experts network optimization.",
        subcommands = {ListCommand.class, TrainCommand.class, ExperimentCommand.class, ResumeCommand.class, InspectCommand.class, EvalCommand.class, NspCurvesCommand.class, BenchCommand.class, DesCommand.class,
                CommandLine.HelpCommand.class})
public final class NetMoe implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, with one-line errors for bad input. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NetMoe());
        cl.setExecutionExceptionHandler(NetMoe::handle);
        return cl;
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
            err.println("netmoe: error: " + e.getMessage());
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
            return new String[] {"netmoe " + org.netmoe.training.run.RunProvenance.version(),
                    "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
