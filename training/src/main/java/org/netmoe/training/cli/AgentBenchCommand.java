package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.netmoe.training.bench.AgentBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netmoe bench agents}: training throughput of each agent next to rl4j-dqn, in one process. */
@Command(name = "agents",
        description = {"Training env steps/s and updates/s of each agent next to rl4j-dqn on the same env, network"
                + " (MLP 2x64 ReLU), batch (64), replay (10 000, learning starts 1 000), one gradient step per env"
                + " step and thread setting, measured in this invocation, with the ratio.",
                "With --csv only CSV with the header agent,env,env_steps_per_s,updates_per_s,ratio_vs_rl4j_dqn."})
final class AgentBenchCommand extends CliCommand implements Callable<Integer> {
    @Mixin
    TableOutput table;

    @Option(names = "--steps", defaultValue = "3000", description = "Env steps per training run (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--env", split = ",", defaultValue = "maze-3x7,nsp-power", description = "Env ids (default ${DEFAULT-VALUE}).")
    List<String> envs;

    @Option(names = "--agent", split = ",", defaultValue = "dqn,sac,ppo", description = "Agents next to rl4j-dqn (default ${DEFAULT-VALUE}).")
    List<String> agents;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (steps < 1_100 || steps > 10_000_000) {
            throw new IllegalArgumentException("--steps must be in [1100, 10000000] (past the 1 000 learning starts), was "
                    + steps);
        }
        Registries r = Registries.standard();
        PrintWriter out = out();
        table.note(out, "settings (OMP_NUM_THREADS=%s, %d env steps per run):%n", System.getenv("OMP_NUM_THREADS"), steps);
        AgentBench.SETTINGS.forEach(s -> table.note(out, "  %-9s %s%n", s.agent(), s.params()));
        out.flush();
        List<AgentBench.Row> rows = AgentBench.measure(r.envs(), r.agents(), envs, agents, steps, seed);
        table.header(out, "agent,env,env_steps_per_s,updates_per_s,ratio_vs_rl4j_dqn", "%-10s %-11s %15s %13s %17s%n",
                "agent", "env", "env_steps_per_s", "updates_per_s", "ratio_vs_rl4j_dqn");
        rows.forEach(x -> table.row(out, "%s,%s,%.1f,%.1f,%.2f%n", "%-10s %-11s %15.1f %13.1f %16.2fx%n", x.agent(),
                x.env(), x.envStepsPerSecond(), x.updatesPerSecond(), x.ratioVsRl4jDqn()));
        out.flush();
        return 0;
    }
}
