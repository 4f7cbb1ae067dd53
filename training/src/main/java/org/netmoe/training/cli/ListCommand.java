package org.netmoe.training.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code netmoe list}: the registered env, agent and gate ids. */
@Command(name = "list",
        description = "Print the registered env ids, agent ids and gate ids, one per line, under the headings"
                + " envs:, agents:, gates:.")
final class ListCommand extends CliCommand implements Runnable {
    @Override
    public void run() {
        Registries r = Registries.standard();
        PrintWriter out = out();
        out.println("envs:");
        r.envs().ids().forEach(out::println);
        out.println("agents:");
        r.agents().ids().forEach(out::println);
        out.println("gates:");
        r.gates().forEach(out::println);
        out.flush();
    }
}
