package org.netmoe.gym.pyenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netmoe.training.cli.NetMoe;
import picocli.CommandLine;

/**
 * A standard benchmark no one here wrote: NetMoE's agents, trained by {@code netmoe train} with the
 * shipped config ({@code configs/cartpole-<agent>.yaml}, fixed seed and step budget) on Gymnasium's
 * {@code CartPole-v1} in Python workers, solve it: the final policy's mean return is at least 475 over 20
 * greedy episodes. The periodic evaluations of the dqn config ({@code train.evalEvery}, for {@code best/}) are
 * switched off here to save time: they do not change the training ({@code EvalDuringTrainingTest}).
 */
class CartPoleSolveTest {
    private static final Pattern GREEDY = Pattern.compile("greedy eval over 20 episodes: mean return ([0-9.]+)");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ppo", "dqn"})
    void netmoeAgentSolvesCartPoleWithinTheConfigsBudget(String agent) {
        String python = TestPython.interpreter();
        CommandLine cl = NetMoe.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("train", "--config", Path.of("..", "configs", "cartpole-" + agent + ".yaml").toString(),
                "--run-dir", tmp.resolve(agent).toString(), "--set", "env.params.python=" + python,
                "--set", "env.params.pythonPath=[" + TestPython.PACKAGE + "]", "--set", "train.evalEvery=0");
        assertEquals(0, code, err.toString());
        Matcher m = GREEDY.matcher(out.toString());
        assertTrue(m.find(), out.toString());
        double meanReturn = Double.parseDouble(m.group(1));
        assertTrue(meanReturn >= 475.0, agent + " greedy mean return " + meanReturn + " < 475");
    }
}
