package org.netmoe.training.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.ResolvedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe eval}: runs a trained run's saved policy greedily and reports mean return and success rate. */
@Command(name = "eval",
        description = "Run the policy saved in a run directory greedily on its env (from the run's config.yaml)"
                + " and print the mean return, the success rate (maze) and the fraction of the oracle's return"
                + " (nsp-power).")
final class EvalCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "A run directory written by train.")
    Path runDir;

    @Option(names = "--episodes", defaultValue = "100", description = "Episodes to run (default ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "12345", description = "Seed of the evaluation envs (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (episodes <= 0) {
            throw new IllegalArgumentException("--episodes must be > 0, was " + episodes);
        }
        Path config = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new ConfigException(runDir + " is not a run directory (no config.yaml)");
        }
        Registries r = Registries.standard();
        ResolvedRun run = ResolvedRun.load(config, List.of(), r.envs(), r.agents());
        Function<float[], Action> policy;
        try (Env env = run.envSpec().make(run.envConfig())) {
            policy = run.agentSpec().loadPolicy(runDir, run.agentConfig(), env);
        } catch (IOException e) {
            throw new ConfigException("cannot load the policy of " + runDir + ": " + e.getMessage(), e);
        }
        GreedyEvaluation.Result result = GreedyEvaluation.run(() -> run.envSpec().make(run.envConfig()), policy,
                episodes, seed);
        PrintWriter out = out();
        out.printf(Locale.ROOT, "agent=%s env=%s episodes=%d mean_return=%.4f success_rate=%s oracle_fraction=%s%n",
                run.agentSpec().id(), run.envSpec().id(), result.episodes(), result.meanReturn(),
                orNa(result.successRate()), orNa(result.oracleFraction()));
        out.flush();
        return 0;
    }

    private static String orNa(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
