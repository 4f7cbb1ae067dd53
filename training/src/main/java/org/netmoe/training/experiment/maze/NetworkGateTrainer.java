package org.netmoe.training.experiment.maze;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netmoe.agents.loop.OnPolicyLoop;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.agents.ppo.ActorCritic;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.GateEnv;
import org.netmoe.moe.mix.NetworkGate;

/**
 * Trains the {@code network} gate of one task (paper Sec. II-B): PPO with a diagonal-Gaussian
 * policy whose action in {@code [0,1]^K} is the weight vector over the K frozen experts, in the
 * {@link GateEnv} over the task's maze (reward = the task's reward). Along training, every
 * {@code evalEvery} env steps, the current greedy gate is evaluated (the Fig. 5 curve of success
 * rate against training episodes).
 */
public final class NetworkGateTrainer {
    /** One point of the training curve. */
    public record CurvePoint(long envSteps, long episodes, double successRate, double meanReturn) {
    }

    /** The trained gate and its curve. */
    public record Result(NetworkGate gate, List<CurvePoint> curve, long envSteps, double seconds) {
    }

    private NetworkGateTrainer() {
    }

    public static Result train(Combiner combiner, MazeConfig task, PpoConfig ppo, MazeFig5Config.NetworkSpec spec,
                               long seed, long evalSeed) {
        MazeGateEvaluator evaluator = new MazeGateEvaluator(combiner);
        long start = System.nanoTime();
        OnPolicyLoop loop = OnPolicyLoop.create(ppo, i -> new GateEnv(new MazeEnv(task), combiner), seed);
        ActorCritic policy = loop.ppo().policy();
        int experts = combiner.experts().size();
        NetworkGate gate = new NetworkGate(obs -> greedyWeights(policy, obs), experts, "PPO gate policy");
        List<CurvePoint> curve = new ArrayList<>();
        long[] episodes = {0};
        long[] nextEval = {0};
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> finalInfo) {
                episodes[0]++;
            }

            @Override
            public boolean onStep(long envStep) {
                if (envStep >= nextEval[0]) {
                    MazeGateEvaluator.Score s = evaluator.evaluate(gate, task, spec.evalEpisodes(), evalSeed);
                    curve.add(new CurvePoint(envStep, episodes[0], s.successRate(), s.meanReturn()));
                    nextEval[0] = envStep + spec.evalEvery();
                }
                return true;
            }
        };
        loop.run(spec.steps(), listener);
        MazeGateEvaluator.Score last = evaluator.evaluate(gate, task, spec.evalEpisodes(), evalSeed);
        curve.add(new CurvePoint(loop.envSteps(), episodes[0], last.successRate(), last.meanReturn()));
        return new Result(gate, curve, loop.envSteps(), (System.nanoTime() - start) / 1e9);
    }

    private static float[] greedyWeights(ActorCritic policy, float[] obs) {
        Action a = policy.actGreedy(obs)[0];
        return ((Action.Vector) a).values();
    }
}
