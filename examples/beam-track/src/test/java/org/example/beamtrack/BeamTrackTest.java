package org.example.beamtrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.space.Action;
import org.netmoe.training.cli.NetMoe;
import picocli.CommandLine;

/**
 * The example env, as NetMoE sees a user's jar on its class path: found through ServiceLoader after
 * the built-ins, passes the env checker, and NetMoE's DQN learns it from the shipped config.
 */
class BeamTrackTest {
    @TempDir
    Path tmp;

    @Test
    void registersThroughServiceLoaderAfterTheBuiltIns() {
        List<String> ids = EnvRegistry.standard().ids();
        assertEquals(List.of("maze-3x7", "nsp-power", "edge-select", "dmoe-select", "multi-bs", "example-beam-track"),
                ids);
    }

    @Test
    void passesTheEnvChecker() {
        assertEquals(List.of(), EnvChecker.problems(() -> new BeamTrackEnv(BeamTrackConfig.defaults())));
    }

    @Test
    void badParametersNameTheField() {
        Run r = cli("check-env", "example-beam-track", "--set", "env.params.beams=1");
        assertEquals(2, r.code);
        assertEquals("netmoe: error: env.params.beams must be in [2, 64], was 1", r.err.strip());
    }

    @Test
    void theBestBeamEarnsFarMoreThanARandomOne() {
        BeamTrackEnv env = new BeamTrackEnv(BeamTrackConfig.defaults());
        RngStream rng = RngStream.of(3);
        double best = 0;
        double random = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            double theta = (rng.nextDouble() * 2 - 1) * Math.PI / 2;
            double top = 0;
            for (int b = 0; b < 8; b++) {
                top = Math.max(top, env.gain(b, theta));
            }
            best += top / n;
            random += env.gain(((Action.Index) env.actionSpace().sample(rng)).index(), theta) / n;
        }
        assertTrue(best > 0.7 && random < 0.2, "best " + best + ", random " + random);
    }

    @Test
    void dqnLearnsItFromTheShippedConfig() {
        Run r = cli("train", "--config", Path.of("beam-track-dqn.yaml").toAbsolutePath().toString(),
                "--run-dir", tmp.resolve("run").toString());
        assertEquals(0, r.code, r.err);
        Matcher m = Pattern.compile("mean return (-?[0-9.]+)").matcher(r.out);
        assertTrue(m.find(), r.out);
        double greedy = Double.parseDouble(m.group(1));
        // 32 steps; a random beam earns ~0.1 per step (~3), the best beam ~0.8 (~25).
        assertTrue(greedy >= 20, "greedy return " + greedy);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = NetMoe.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
