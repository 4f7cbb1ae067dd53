package org.netmoe.training.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.training.cli.CliRun;

/**
 * Evaluation during training ({@code train.evalEvery}): it does not disturb training (every other
 * metric row and the final policy are those of the same run without it), it records
 * {@code eval/mean_return} at each evaluation, keeps the best-scoring policy in {@code best/}, and a
 * run paused and resumed ends with the same rows and the same best policy.
 */
class EvalDuringTrainingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dqn, 217, dqn-q.bin, 150", "ppo, 100, ppo-policy.bin, 128"})
    void evaluatesKeepsTheBestAndResumesExactly(String agent, long pauseAt, String policyFile, long every)
            throws Exception {
        String yaml = agent.equals("dqn") ? Runs.DQN : Runs.PPO;
        Path plain = Runs.config(tmp, agent + "-plain", yaml);
        Path evaluated = Runs.config(tmp, agent + "-eval", yaml.replace("evalEpisodes: 3}",
                "evalEpisodes: 3, evalEvery: " + every + "}"));
        Path a = tmp.resolve("plain");
        Path b = tmp.resolve("eval");
        Path c = tmp.resolve("eval-resumed");
        assertEquals(0, Runs.cli("train", "--config", plain.toString(), "--run-dir", a.toString()).code());
        CliRun full = Runs.cli("train", "--config", evaluated.toString(), "--run-dir", b.toString());
        assertEquals(0, full.code(), full.err());
        assertEquals(0, Runs.cli("train", "--config", evaluated.toString(), "--run-dir", c.toString(),
                "--until", Long.toString(pauseAt)).code());
        CliRun resumed = Runs.cli("resume", "--run-dir", c.toString());
        assertEquals(0, resumed.code(), resumed.err());

        // Training is not disturbed: the same rows but the evaluation's, the same final policy.
        List<String> withEval = Runs.metricRows(b);
        List<String> evalRows = withEval.stream().filter(l -> l.contains(",eval/")).toList();
        assertEquals(Runs.metricRows(a).stream().filter(l -> !l.contains(",eval/")).toList(),
                withEval.stream().filter(l -> !l.contains(",eval/")).toList());
        assertArrayEquals(Files.readAllBytes(a.resolve(policyFile)), Files.readAllBytes(b.resolve(policyFile)));

        // Evaluations at the first boundary past each multiple of `every` (and the final one).
        List<long[]> returns = evalRows.stream().filter(l -> l.contains(",eval/mean_return,"))
                .map(l -> l.split(",")).map(f -> new long[] {Long.parseLong(f[0]),
                        Double.doubleToLongBits(Double.parseDouble(f[2]))}).toList();
        long finalStep = returns.get(returns.size() - 1)[0];
        List<long[]> periodic = returns.subList(0, returns.size() - 1);
        assertTrue(periodic.size() >= 3, "evaluations: " + periodic.size());
        for (int i = 0; i < periodic.size(); i++) {
            long step = periodic.get(i)[0];
            assertEquals(i + 1, step / every, "evaluation " + i + " at step " + step);
        }
        assertTrue(finalStep >= periodic.get(periodic.size() - 1)[0]);

        // The best evaluation's policy is in best/, and best.yaml names its step.
        long bestStep = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (long[] r : periodic) {
            double v = Double.longBitsToDouble(r[1]);
            if (v > best) {
                best = v;
                bestStep = r[0];
            }
        }
        String bestYaml = Files.readString(b.resolve("best/best.yaml"));
        assertTrue(bestYaml.startsWith("step: " + bestStep + "\n"), bestYaml);
        assertTrue(Files.size(b.resolve("best").resolve(policyFile)) > 0);

        // Paused and resumed: the same rows, the same best policy.
        assertEquals(withEval, Runs.metricRows(c));
        assertArrayEquals(Files.readAllBytes(b.resolve("best").resolve(policyFile)),
                Files.readAllBytes(c.resolve("best").resolve(policyFile)));
        assertEquals(bestYaml, Files.readString(c.resolve("best/best.yaml")));
    }
}
