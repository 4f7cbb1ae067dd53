package org.netmoe.training.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netmoe list}: the registered env, agent and gate ids. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the registered env ids, agent ids and gate ids, one per line, under the headings"
                + " envs:, agents:, gates:.")
final class ListCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Registries r = Registries.standard();
        PrintWriter out = spec.commandLine().getOut();
        out.println("envs:");
        r.envs().ids().forEach(out::println);
        out.println("agents:");
        r.agents().ids().forEach(out::println);
        out.println("gates:");
        r.gates().forEach(out::println);
        out.flush();
    }
}
