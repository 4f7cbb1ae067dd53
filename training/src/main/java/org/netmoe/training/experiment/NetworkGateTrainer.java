package org.netmoe.training.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.netmoe.agents.loop.OnPolicyLoop;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.agents.ppo.ActorCritic;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateEnv;
import org.netmoe.moe.mix.NetworkGate;

/**
 * Trains a {@code network} gate (paper Sec. II-B): PPO with a diagonal-Gaussian policy whose
 * action in {@code [0,1]^K} is the weight vector over the K frozen experts, in the
 * {@link GateEnv} over the task's env (reward = the task's reward). Along training, every
 * {@code evalEvery} env steps, the current greedy gate is scored by {@code evaluate} (e.g. success
 * rate and mean return: the Fig. 5 curve).
 */
public final class NetworkGateTrainer {
    /** One point of the training curve: the evaluation's values at that point. */
    public record CurvePoint(long envSteps, long episodes, double[] values) {
    }

    /** The trained gate, its curve, and its training cost. */
    public record Result(NetworkGate gate, List<CurvePoint> curve, long envSteps, double seconds) {
    }

    private NetworkGateTrainer() {
    }

    /**
     * @param baseEnvs  the task's env, one per PPO env index
     * @param steps     env steps of training
     * @param evalEvery env steps between evaluations along training
     * @param evaluate  scores a gate (called along training and once at the end)
     */
    public static Result train(Combiner combiner, IntFunction<? extends Env> baseEnvs, PpoConfig ppo, long steps,
                               long evalEvery, Function<Gate, double[]> evaluate, long seed) {
        long start = System.nanoTime();
        OnPolicyLoop loop = OnPolicyLoop.create(ppo, i -> new GateEnv(baseEnvs.apply(i), combiner), seed);
        ActorCritic policy = loop.ppo().policy();
        NetworkGate gate = new NetworkGate(obs -> ((Action.Vector) policy.actGreedy(obs)[0]).values(),
                combiner.experts().size(), "PPO gate policy (state -> weights)");
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
                    curve.add(new CurvePoint(envStep, episodes[0], evaluate.apply(gate)));
                    nextEval[0] = envStep + evalEvery;
                }
                return true;
            }
        };
        try (loop) {
            loop.run(steps, listener);
        }
        curve.add(new CurvePoint(loop.envSteps(), episodes[0], evaluate.apply(gate)));
        return new Result(gate, curve, loop.envSteps(), (System.nanoTime() - start) / 1e9);
    }
}
