package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.EnvSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netmoe check-env ID}: runs NetMoE's env checker (the contract of {@link org.netmoe.envs.Env})
 * on a registered env, built-in or a user's from {@code NETMOE_CLASSPATH}.
 */
@Command(name = "check-env", mixinStandardHelpOptions = true,
        description = {"Run the env checker on a registered env (a built-in or one a jar on NETMOE_CLASSPATH"
                + " registers): spaces, reset/step lifecycle, episodes end, same seed same episode, snapshot and"
                + " restore, close twice. Prints 'ok' or every problem; exit code 0 when it passes, 1 otherwise.",
                "Env parameters are given as env.params.FIELD=VALUE (or env.FIELD=VALUE), as in a config."})
final class CheckEnvCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The env id (see netmoe list).")
    String id;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override an env parameter.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        EnvSpec<?> env = Registries.standard().envs().get(id);
        Record config = EnvParamOverrides.bind(env.defaults(), overrides, "check-env");
        List<String> problems = EnvChecker.problems(() -> env.make(config));
        PrintWriter out = spec.commandLine().getOut();
        if (problems.isEmpty()) {
            out.println("ok: " + id + " passes the env checker");
        } else {
            out.println(id + " fails the env checker:");
            problems.forEach(p -> out.println("  - " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }
}
