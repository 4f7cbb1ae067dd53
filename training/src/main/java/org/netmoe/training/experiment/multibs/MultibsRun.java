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
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.multibs.BsSets;
import org.netmoe.moe.nn.Network;

/**
 * One training run of the survey's Fig. 11 framework with the BS set fixed to the exhaustive-search one
 * ({@link UserGrid}), so that only the precoder generator learns: per step a training user arrives, the diffusion
 * policy generates the precoder for (location, set), the user's sum rate for it is the reward and the best
 * precoder on the set the expert knowledge. The policy learns from a replay: a behaviour-cloning step towards
 * the expert precoder ({@code diffusion.training: bc}), or an actor step on −Q of a double critic regressed on
 * the scaled sum rate of the generated precoder vector ({@code actor}; each UE is one terminated step, so the
 * critic's target is the reward), or both ({@code bc+actor}, Diffusion-QL).
 *
 * <p>Precoders are encoded as vectors in {@code [−1, 1]^{|W|}}: the expert's index is {@code +1}, the
 * others {@code −1}; a generated vector is decoded by its argmax.
 */
final class MultibsRun {
    /** The critic regresses the sum rate (bit/s/Hz) times this. */
    static final float REWARD_SCALE = 0.1f;

    /**
     * One evaluation point: env steps so far, the mean sum rate (bit/s/Hz) of the generated precoder and its match
     * rate with the best precoder, on the test and on the training users.
     */
    record Point(long step, double reward, double precoderAccuracy, double trainReward, double trainAccuracy) {
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

    static Result run(UserGrid users, BsSets sets, MultibsFig12Config.TrainingSpec training, DiffusionConfig diffusion,
                      CriticConfig criticConfig, DenoiserSpec denoiserSpec, long seed, Checkpointing checkpoints)
            throws IOException {
        RngStream root = RngStream.of(seed);
        int precoders = users.precoders;
        int condDim = 2 + users.numBs;
        Network denoiser = denoiserSpec.create(DiffusionPolicy.denoiserInputSize(diffusion, precoders, condDim),
                precoders, root.split("init/denoiser"));
        DiffusionPolicy policy = new DiffusionPolicy(diffusion, denoiser, precoders, condDim);
        DoubleCritic critic = diffusion.usesCritic()
                ? new DoubleCritic(criticConfig, precoders, condDim, root.split("init/critic")) : null;
        RngStream arrivals = root.split("users");
        RngStream generate = root.split("generate");
        RngStream replay = root.split("replay");
        RngStream noise = root.split("diffusion");
        // One transition per UE: s = location, action row = [set, expert precoder, generated vector],
        // r = sum rate, terminated (a bandit step), so s' = s.
        ReplayBuffer buffer = new ReplayBuffer(training.bufferSize(), 2, 2 + precoders);
        MultibsCheckpoint.Parts parts = new MultibsCheckpoint.Parts(policy, critic, buffer,
                Map.of("users", arrivals, "generate", generate, "replay", replay, "diffusion", noise));
        List<Point> curve = new ArrayList<>();
        long first = 1;
        if (checkpoints.from().isPresent()) {
            // Every stream, network, optimizer and the replay continue where the checkpoint left them.
            curve.addAll(MultibsCheckpoint.restore(checkpoints.from().get(), parts));
            first = checkpoints.from().get().step() + 1;
        } else {
            curve.add(evaluate(policy, sets, users, 0, seed));
        }
        for (long step = first; step <= training.steps(); step++) {
            UserGrid.User u = users.train.get(arrivals.nextInt(users.train.size()));
            float[] generated = policy.sample(new float[][] {condition(u.observation(), sets, u.set())}, generate)[0];
            buffer.add(u.observation(), actionRow(u.set(), u.expert(), generated),
                    (float) u.rate(argmax(generated)), u.observation(), true);
            if (step > training.learningStarts() && buffer.size() >= training.batchSize()) {
                for (int k = 0; k < training.bcUpdatesPerStep(); k++) {
                    update(buffer.sample(training.batchSize(), replay), sets, precoders, policy, critic, noise);
                }
            }
            if (step % training.evalEvery() == 0 || step == training.steps()) {
                curve.add(evaluate(policy, sets, users, step, seed));
            }
            if (checkpoints.config().due(step - 1, step) || step == training.steps()) {
                // The last step too: its checkpoint holds the finished curve, so a resumed experiment skips the run.
                checkpoints.store().save(MultibsCheckpoint.of(step, checkpoints.runConfig(), parts, curve));
            }
        }
        return new Result(curve, denoiser.numParams());
    }

    /** One update of the policy (and the critic in {@code actor} / {@code bc+actor}) on a replay batch. */
    private static void update(ReplayBatch batch, BsSets sets, int precoders, DiffusionPolicy policy,
                               DoubleCritic critic, RngStream noise) {
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
            critic.update(criticBatch(batch, cond));
            policy.actorUpdate(cond, target, critic, noise);
        }
    }

    /**
     * The generated precoders for every test and every training user on their sets (generation noise from a fixed
     * stream, so evaluations differ only by the network).
     */
    private static Point evaluate(DiffusionPolicy policy, BsSets sets, UserGrid users, long step, long seed) {
        double[] test = score(policy, sets, users.test, RngStream.of(seed).split("eval/generate"));
        double[] train = score(policy, sets, users.train, RngStream.of(seed).split("eval/generate-train"));
        return new Point(step, test[0], test[1], train[0], train[1]);
    }

    /** {mean sum rate, match rate with the best precoder} of the generated precoders for {@code group}. */
    private static double[] score(DiffusionPolicy policy, BsSets sets, List<UserGrid.User> group, RngStream rng) {
        float[][] cond = new float[group.size()][];
        for (int i = 0; i < cond.length; i++) {
            cond[i] = condition(group.get(i).observation(), sets, group.get(i).set());
        }
        float[][] generated = policy.sample(cond, rng);
        double reward = 0;
        int hits = 0;
        for (int i = 0; i < cond.length; i++) {
            int w = argmax(generated[i]);
            reward += group.get(i).rate(w);
            hits += group.get(i).expert() == w ? 1 : 0;
        }
        return new double[] {reward / cond.length, hits / (double) cond.length};
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

    /** The replay's action row {@code [set, expert precoder, generated precoder vector]}. */
    private static float[] actionRow(int set, int expert, float[] generated) {
        float[] row = new float[2 + generated.length];
        row[0] = set;
        row[1] = expert;
        System.arraycopy(generated, 0, row, 2, generated.length);
        return row;
    }

    /** The critic's one-step batch: (condition, generated precoder vector, scaled sum rate), all terminated. */
    private static CriticBatch criticBatch(ReplayBatch batch, float[][] conditions) {
        int n = batch.size();
        int width = batch.actionDim();
        float[][] a = new float[n][];
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOfRange(batch.actions(), i * width + 2, (i + 1) * width);
            r[i] = batch.rewards()[i] * REWARD_SCALE;
        }
        return CriticBatch.oneStep(conditions, a, r);
    }
}
