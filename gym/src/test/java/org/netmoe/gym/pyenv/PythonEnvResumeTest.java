package org.netmoe.gym.pyenv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.cli.NetMoe;
import picocli.CommandLine;

/**
 * Resume on a Python env: DQN on {@code gym:CartPole-v1} trained 800 steps uninterrupted equals the run
 * stopped at 300 ({@code --until}, a checkpoint with the pickled CartPole) and resumed: same Q-network file.
 */
class PythonEnvResumeTest {
    @TempDir
    Path tmp;

    private String[] train(Path runDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--config", Path.of("..", "configs", "cartpole-dqn.yaml").toString(),
                "--run-dir", runDir.toString(), "--set", "env.params.python=" + TestPython.interpreter(),
                "--set", "env.params.pythonPath=[" + TestPython.PACKAGE + "]", "--set", "train.steps=800",
                "--set", "agent.params.learningStarts=200", "--set", "checkpoint.every=100"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static void run(String... args) {
        CommandLine cl = NetMoe.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args), err.toString());
    }

    @Test
    void stoppedAndResumedRunEqualsTheUninterruptedOne() throws Exception {
        Path full = tmp.resolve("full");
        Path resumed = tmp.resolve("resumed");
        run(train(full));
        run(train(resumed, "--until", "300"));
        run("resume", "--run-dir", resumed.toString());
        assertArrayEquals(Files.readAllBytes(full.resolve("dqn-q.bin")), Files.readAllBytes(resumed.resolve("dqn-q.bin")));
    }
}
