package org.netmoe.training.experiment.multibs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.buffer.ReplayBuffer;
import org.netmoe.agents.diffusion.CriticBatch;
import org.netmoe.agents.diffusion.CriticConfig;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.agents.diffusion.DiffusionPolicy;
import org.netmoe.agents.diffusion.DoubleCritic;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.multibs.BsSets;
import org.netmoe.envs.multibs.LinkBudget;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.envs.multibs.MultiBsEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.nn.Network;
import org.netmoe.training.checkpoint.StateCodec;

/**
 * One training run of the survey's Fig. 11 framework: per step a UE arrives, the DQN picks the BS
 * set (ε-greedy), the diffusion policy generates the precoder for (location, set), the env returns
 * the post-MMSE sum rate and the exhaustive-search precoder for that set (the expert knowledge). Both
 * networks learn from one replay: the DQN regresses the scaled sum rate of its set (γ = 0), the
 * diffusion policy takes a behaviour-cloning step towards the expert precoder ({@code diffusion.training:
 * bc}), or an actor step on −Q of a double critic regressed on the scaled sum rate of the generated
 * precoder vector ({@code actor}; each UE is one terminated step, so the critic's target is the reward), or
 * both ({@code bc+actor}, Diffusion-QL).
 *
 * <p>Precoders are encoded as vectors in {@code [−1, 1]^{|W|}}: the expert's index is {@code +1}, the
 * others {@code −1}; a generated vector is decoded by its argmax.
 */
final class MultibsRun {
    /** One evaluation point: env steps so far and the mean evaluated sum rate (bit/s/Hz). */
    record Point(long step, double reward, double expertPrecoderRate, double precoderAccuracy) {
    }

    /** What a run returns: its curve and the denoiser's parameter count. */
    record Result(List<Point> curve, long parameters) {
        Point last() {
            return curve.get(curve.size() - 1);
        }
    }

    private MultibsRun() {
    }

    /**
     * Where a run checkpoints: its store (open for writing) and when, the run's own resolved config (stored in
     * each checkpoint), and the checkpoint to continue from, if any.
     */
    record Checkpointing(CheckpointStore store, CheckpointConfig config, String runConfig, Optional<Checkpoint> from) {
    }

    static Result run(MultiBsConfig envConfig, MultibsFig12Config.TrainingSpec training,
                      MultibsFig12Config.BsAgentSpec agentSpec, DiffusionConfig diffusion, CriticConfig criticConfig,
                      DenoiserSpec denoiserSpec, EvalSet eval, long seed, Checkpointing checkpoints) throws IOException {
        RngStream root = RngStream.of(seed);
        try (MultiBsEnv env = new MultiBsEnv(envConfig)) {
            BsSets sets = env.sets();
            int numSets = sets.size();
            int precoders = env.codebook().size();
            int condDim = 2 + envConfig.numBs();
            DqnConfig dqnConfig = agentSpec.dqn(training);
            Dqn agent = new Dqn(dqnConfig, 2, numSets, root.split("init/agent"));
            Network denoiser = denoiserSpec.create(DiffusionPolicy.denoiserInputSize(diffusion, precoders, condDim),
                    precoders, root.split("init/denoiser"));
            DiffusionPolicy policy = new DiffusionPolicy(diffusion, denoiser, precoders, condDim);
            DoubleCritic critic = diffusion.usesCritic()
                    ? new DoubleCritic(criticConfig, precoders, condDim, root.split("init/critic")) : null;
            RngStream explore = root.split("explore");
            RngStream generate = root.split("generate");
            RngStream replay = root.split("replay");
            RngStream noise = root.split("diffusion");
            // One transition per UE: s = location, action row = [set, expert precoder, generated vector],
            // r = sum rate, terminated (a bandit step), so s' = s.
            ReplayBuffer buffer = new ReplayBuffer(training.bufferSize(), 2, 2 + precoders);
            MultibsCheckpoint.Parts parts = new MultibsCheckpoint.Parts(agent, policy, critic, buffer,
                    Map.of("explore", explore, "generate", generate, "replay", replay, "diffusion", noise), env);
            List<Point> curve = new ArrayList<>();
            float[] obs;
            long first = 1;
            if (checkpoints.from().isPresent()) {
                // Every stream, network, optimizer, the replay and the env continue where the checkpoint left them.
                MultibsCheckpoint.Progress resumed = MultibsCheckpoint.restore(checkpoints.from().get(), parts);
                curve.addAll(resumed.curve());
                obs = resumed.observation();
                first = checkpoints.from().get().step() + 1;
            } else {
                curve.add(evaluate(agent, policy, sets, eval, 0, seed));
                obs = env.reset(root.split("env").nextLong()).observation();
            }
            for (long step = first; step <= training.steps(); step++) {
                double epsilon = dqnConfig.epsilon().valueAt(step - 1, training.steps());
                int set = agent.act(obs, epsilon, explore)[0];
                float[] generated = policy.sample(new float[][] {condition(obs, sets, set)}, generate)[0];
                var s = env.step(Action.of(set, argmax(generated)));
                buffer.add(obs, actionRow(set, s.info().get("expert_precoder").intValue(), generated),
                        (float) s.reward(), obs, true);
                obs = s.done() ? env.reset().observation() : s.observation(); // advance to the next UE
                if (step > training.learningStarts() && buffer.size() >= training.batchSize()) {
                    float scale = (float) agentSpec.rewardScale();
                    ReplayBatch batch = buffer.sample(training.batchSize(), replay);
                    agent.update(dqnBatch(batch, scale));
                    for (int u = 0; u < training.bcUpdatesPerStep(); u++) {
                        if (u > 0) {
                            batch = buffer.sample(training.batchSize(), replay);
                        }
                        int n = batch.size();
                        int width = batch.actionDim();
                        float[][] cond = new float[n][];
                        float[][] target = new float[n][];
                        for (int i = 0; i < n; i++) {
                            float[] o = {batch.observations()[2 * i], batch.observations()[2 * i + 1]};
                            cond[i] = condition(o, sets, (int) batch.actions()[i * width]);
                            target[i] = oneHot((int) batch.actions()[i * width + 1], precoders);
                        }
                        if (critic == null) {
                            policy.behaviourCloningUpdate(cond, target, noise);
                        } else {
                            critic.update(criticBatch(batch, cond, scale));
                            policy.actorUpdate(cond, target, critic, noise);
                        }
                    }
                }
                if (step % training.evalEvery() == 0 || step == training.steps()) {
                    curve.add(evaluate(agent, policy, sets, eval, step, seed));
                }
                if (checkpoints.config().due(step - 1, step) || step == training.steps()) {
                    // The last step too: its checkpoint holds the finished curve, so a resumed experiment skips the run.
                    checkpoints.store().save(MultibsCheckpoint.of(step, checkpoints.runConfig(), parts, obs, curve));
                }
            }
            return new Result(curve, denoiser.numParams());
        }
    }

    /**
     * Greedy BS sets from the DQN and precoders generated by the diffusion policy for every evaluation UE
     * (generation noise from a fixed stream, so evaluations differ only by the networks).
     */
    private static Point evaluate(Dqn agent, DiffusionPolicy policy, BsSets sets, EvalSet eval, long step, long seed) {
        int n = eval.size();
        int[] chosen = new int[n];
        float[][] cond = new float[n][];
        for (int i = 0; i < n; i++) {
            chosen[i] = argmax(agent.qValues(eval.observations.get(i)));
            cond[i] = condition(eval.observations.get(i), sets, chosen[i]);
        }
        float[][] generated = policy.sample(cond, RngStream.of(seed).split("eval/generate"));
        double reward = 0;
        double expertRate = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            LinkBudget b = eval.budgets.get(i);
            int w = argmax(generated[i]);
            LinkBudget.Choice expert = b.bestPrecoder(chosen[i]);
            reward += b.sumRate(chosen[i], w);
            expertRate += expert.sumRate();
            hits += expert.precoder() == w ? 1 : 0;
        }
        return new Point(step, reward / n, expertRate / n, hits / (double) n);
    }

    /** The diffusion condition {@code [loc_x, loc_y, multi-hot of the set]}. */
    private static float[] condition(float[] obs, BsSets sets, int set) {
        float[] hot = sets.multiHot(set);
        float[] c = new float[2 + hot.length];
        c[0] = obs[0];
        c[1] = obs[1];
        System.arraycopy(hot, 0, c, 2, hot.length);
        return c;
    }

    private static float[] oneHot(int index, int size) {
        float[] v = new float[size];
        Arrays.fill(v, -1f);
        v[index] = 1f;
        return v;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The replay's action row {@code [set, expert precoder, generated precoder vector]}. */
    private static float[] actionRow(int set, int expert, float[] generated) {
        float[] row = new float[2 + generated.length];
        row[0] = set;
        row[1] = expert;
        System.arraycopy(generated, 0, row, 2, generated.length);
        return row;
    }

    /** The critic's one-step batch: (condition, generated precoder vector, scaled sum rate), all terminated. */
    private static CriticBatch criticBatch(ReplayBatch batch, float[][] conditions, float scale) {
        int n = batch.size();
        int width = batch.actionDim();
        float[][] a = new float[n][];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOfRange(batch.actions(), i * width + 2, (i + 1) * width);
            r[i] = batch.rewards()[i] * scale;
        }
        return CriticBatch.oneStep(conditions, a, r);
    }

    /** A DQN batch of one-step bandit transitions (terminated, so the target is the scaled reward). */
    private static ReplayBatch dqnBatch(ReplayBatch batch, float scale) {
        int n = batch.size();
        int width = batch.actionDim();
        int[] a = new int[n];
        float[] r = new float[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = (int) batch.actions()[i * width];
            r[i] = batch.rewards()[i] * scale;
            done[i] = true;
        }
        return ReplayBatch.discrete(batch.observations(), a, r, batch.observations(), done);
    }
}
