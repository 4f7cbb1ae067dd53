package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;
import org.netmoe.export.onnx.OnnxPolicy;
import org.netmoe.export.onnx.OrtRun;
import org.netmoe.moe.nn.Network;
import org.netmoe.training.agent.DqnAgent;
import org.netmoe.training.agent.PpoAgent;
import org.netmoe.training.agent.SacAgentSpec;
import org.netmoe.training.run.ResolvedRun;

/**
 * {@code netmoe export}: tiny trained runs exported and run in ONNX Runtime on 1 000 observations of their
 * env give NetMoE's network outputs to float tolerance and exactly its greedy actions (discrete) or its
 * env actions to float tolerance (box); bad input is one line and exit code 2.
 */
class ExportCommandTest {
    private static final int OBSERVATIONS = 1000;
    /** Relative float tolerance (absolute below 1): ONNX Runtime's kernels sum in another order than BLAS. */
    private static final double TOL = 1e-5;

    @TempDir
    Path tmp;

    private Path train(String name, String config, String... sets) {
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--config", Path.of("..", "configs", config).toString(),
                "--run-dir", dir.toString(), "--set", "train.evalEpisodes=0"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    /** Exports {@code dir} and returns the ONNX outputs on {@code obs}. */
    private static Map<String, Object> exportAndRun(Path dir, float[][] obs) throws Exception {
        Path file = dir.resolve("exported.onnx");
        CliRun r = CliRun.of("export", "--run-dir", dir.toString(), "--format", "onnx", "--output", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("-> "), r.out());
        return OrtRun.run(Files.readAllBytes(file), obs);
    }

    private static ResolvedRun resolved(Path dir) {
        Registries r = Registries.standard();
        return ResolvedRun.load(dir.resolve("config.yaml"), List.of(), r.envs(), r.agents());
    }

    /** {@value #OBSERVATIONS} observations of the run's env under uniformly random actions, seeded. */
    private static float[][] observations(ResolvedRun run) throws Exception {
        try (Env env = run.envSpec().make(run.envConfig())) {
            RngStream rng = RngStream.of(2024);
            float[][] rows = new float[OBSERVATIONS][];
            float[] obs = env.reset(2025).observation();
            for (int i = 0; i < OBSERVATIONS; i++) {
                rows[i] = obs.clone();
                Env.Step step = env.step(env.actionSpace().sample(rng));
                obs = step.done() ? env.reset().observation() : step.observation();
            }
            return rows;
        }
    }

    private static float[] forward(Network network, float[] obs) {
        return network.forward(Nd4j.createFromArray(new float[][] {obs})).toFloatVector();
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], TOL * Math.max(1, Math.abs(expected[j])), what + " [" + j + "]");
        }
    }

    /** Compares every row's outputs and action with NetMoE's, the greedy policy being {@code netmoe eval}'s. */
    private static void assertSameAsNetMoe(Path dir, String scoresName, Function<float[], float[]> netMoeScores,
                                           Map<String, Object> onnx, float[][] obs) throws IOException {
        ResolvedRun run = resolved(dir);
        float[][] scores = (float[][]) onnx.get(scoresName);
        Object actions = onnx.get(OnnxPolicy.ACTION);
        try (Env env = run.envSpec().make(run.envConfig())) {
            Function<float[], Action> greedy = run.agentSpec().loadPolicy(dir, run.agentConfig(), env);
            for (int i = 0; i < obs.length; i++) {
                assertClose(netMoeScores.apply(obs[i]), scores[i], scoresName + " of observation " + i);
                Action a = greedy.apply(obs[i]);
                if (a instanceof Action.Index index) {
                    assertEquals(index.index(), ((long[]) actions)[i], "action of observation " + i);
                } else {
                    assertClose(((Action.Vector) a).values(), ((float[][]) actions)[i], "action of observation " + i);
                }
            }
        }
    }

    @Test
    void duelingDqnQValuesAndActionsMatchNetMoe() throws Exception {
        Path dir = train("dqn", "nsp-dqn.yaml", "train.steps=600", "agent.params.learningStarts=200",
                "agent.params.dueling=true");
        ResolvedRun run = resolved(dir);
        float[][] obs = observations(run);
        Map<String, Object> onnx = exportAndRun(dir, obs);
        try (Env env = run.envSpec().make(run.envConfig())) {
            Dqn dqn = DqnAgent.loadNetwork(dir, (DqnConfig) run.agentConfig(), env);
            assertSameAsNetMoe(dir, "q_values", o -> {
                double[] q = dqn.qValues(o);
                float[] f = new float[q.length];
                for (int a = 0; a < q.length; a++) {
                    f[a] = (float) q[a];
                }
                return f;
            }, onnx, obs);
        }
    }

    @Test
    void ppoMlpLogitsAndActionsMatchNetMoe() throws Exception {
        Path dir = train("ppo-mlp", "nsp-ppo.yaml", "train.steps=1024");
        assertPpoMatches(dir, "logits");
    }

    @Test
    void ppoMoeActorOnABoxGivesNetMoesMeanAndEnvAction() throws Exception {
        Path dir = train("ppo-moe", "nsp-ppo.yaml", "train.steps=1024", "env.params.actionSpace=continuous",
                "agent.params.network.type=moe");
        assertPpoMatches(dir, OnnxPolicy.MEAN);
    }

    @Test
    void ppoMoeActorWithHardGateMatchesNetMoe() throws Exception {
        Path dir = train("ppo-moe-hard", "nsp-ppo.yaml", "train.steps=1024", "agent.params.network.type=moe",
                "agent.params.network.gate=hard", "agent.params.network.topK=1");
        assertPpoMatches(dir, "logits");
    }

    private void assertPpoMatches(Path dir, String scoresName) throws Exception {
        ResolvedRun run = resolved(dir);
        float[][] obs = observations(run);
        Map<String, Object> onnx = exportAndRun(dir, obs);
        try (Env env = run.envSpec().make(run.envConfig())) {
            Network actor = PpoAgent.loadActorCritic(dir, (PpoConfig) run.agentConfig(), env).actor();
            assertSameAsNetMoe(dir, scoresName, o -> forward(actor, o), onnx, obs);
        }
    }

    @Test
    void sacTanhGaussianActorMatchesNetMoe() throws Exception {
        Path dir = train("sac", "nsp-sac.yaml", "train.steps=300", "agent.params.learningStarts=250");
        ResolvedRun run = resolved(dir);
        float[][] obs = observations(run);
        Map<String, Object> onnx = exportAndRun(dir, obs);
        try (Env env = run.envSpec().make(run.envConfig())) {
            Network actor = SacAgentSpec.loadAgent(dir, (SacConfig) run.agentConfig(), env).actor();
            int d = env.actionSpace().flatDim();
            assertSameAsNetMoe(dir, OnnxPolicy.MEAN, o -> Arrays.copyOf(forward(actor, o), d), onnx, obs);
        }
    }

    @Test
    void unfinishedRunOrMissingPolicyOrUnknownFormatIsOneLineAndExitTwo() throws IOException {
        Path paused = tmp.resolve("paused");
        CliRun pause = CliRun.of("train", "--config", Path.of("..", "configs", "nsp-ppo.yaml").toString(), "--run-dir",
                paused.toString(), "--set", "train.steps=1024", "--until", "512");
        assertEquals(0, pause.code(), pause.err());
        assertOneLineError(CliRun.of("export", "--run-dir", paused.toString(), "--format", "onnx"),
                "run " + paused + " is not finished (no ppo-policy.bin yet, only checkpoints)");

        Path noPolicy = tmp.resolve("no-policy");
        Files.createDirectories(noPolicy);
        Files.copy(paused.resolve("config.yaml"), noPolicy.resolve("config.yaml"));
        assertOneLineError(CliRun.of("export", "--run-dir", noPolicy.toString(), "--format", "onnx"),
                "holds no trained policy (no ppo-policy.bin)");

        assertOneLineError(CliRun.of("export", "--run-dir", tmp.toString(), "--format", "onnx"),
                "is not a run directory (no config.yaml)");
        assertOneLineError(CliRun.of("export", "--run-dir", paused.toString(), "--format", "tflite"),
                "'--format': expected one of [onnx]");
        assertOneLineError(CliRun.of("export", "--run-dir", paused.toString(), "--format", "onnx", "--output",
                tmp.toString()), "--output " + tmp + " is a directory");
        assertEquals(List.of(), listOnnx(paused), "a failed export writes no file");

        // A user's file is never replaced without --overwrite.
        Path mine = tmp.resolve("mine.onnx");
        Files.writeString(mine, "the user's own file");
        assertOneLineError(CliRun.of("export", "--run-dir", paused.toString(), "--format", "onnx", "--output",
                mine.toString()), "--output " + mine + " exists; choose another file or add --overwrite");
        assertEquals("the user's own file", Files.readString(mine));
    }

    private static List<Path> listOnnx(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".onnx")).toList();
        }
    }

    private static void assertOneLineError(CliRun r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("netmoe: error: "), r.err());
    }
}
