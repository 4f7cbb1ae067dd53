package org.netmoe.agents.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.layer.NetworkConfig;

/** PPO with an MoE actor ({@code network: {type: moe, experts: 4, topK: 2, gate: topk}}). */
class MoeActorPpoTest {

    private static PpoConfig config(NetworkConfig network) {
        return new PpoConfig(8, 64, 4, 4, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 2.5e-3, true, true, true,
                OptionalDouble.empty(), List.of(32, 32), network);
    }

    /** Goal+Trap from the fixed start within 30 000 env steps; the gate's metrics are reported. */
    @Test
    void moeActorSolvesMazeGoalTrapAndLogsGateUsage() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP);
        OnPolicyLoop loop = OnPolicyLoop.create(config(NetworkConfig.moe(4, 2, "topk")), i -> new MazeEnv(maze), 3);
        assertTrue(loop.ppo().policy().actor() instanceof MoeLayer);
        Map<String, Double> last = new HashMap<>();
        loop.run(30_000, new TrainingListener() {
            @Override
            public void onUpdate(long envStep, Metrics metrics) {
                last.putAll(metrics.toMap());
            }
        });
        assertTrue(last.get("gate/load_balance") >= 1.0 - 1e-9, "Switch load balance is >= 1: " + last);
        double usage = 0;
        for (int k = 0; k < 4; k++) {
            usage += last.get("gate/usage/" + k);
        }
        assertEquals(1.0, usage, 1e-6, "routed fractions sum to 1");
        try (MazeEnv env = new MazeEnv(maze)) {
            float[] obs = env.reset(0L).observation();
            Env.Step s;
            do {
                s = env.step(loop.act(obs)[0]);
                obs = s.observation();
            } while (!s.done());
            assertEquals(1.0, s.info().get("success"), "goal reached without the trap");
            assertEquals(5.0, s.info().get("steps"), "on the shortest path");
        }
    }

    @Test
    void sameSeedGivesBitIdenticalMoeActorParameters() {
        MazeConfig maze = MazeConfig.forTask(MazeTask.GOAL_TRAP);
        float[][] p = new float[2][];
        for (int run = 0; run < 2; run++) {
            OnPolicyLoop loop = OnPolicyLoop.create(config(NetworkConfig.moe(3, 1, "hard")), i -> new MazeEnv(maze), 5);
            loop.run(1_024, TrainingListener.NONE);
            p[run] = loop.ppo().policy().actor().parameters().toFloatVector();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(p[0], p[1]);
    }
}
