package org.netmoe.training.experiment.multibs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netmoe.agents.buffer.ReplayBuffer;
import org.netmoe.agents.diffusion.DiffusionPolicy;
import org.netmoe.agents.diffusion.DoubleCritic;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnState;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.envs.multibs.MultiBsEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.training.checkpoint.DiffusionEntries;
import org.netmoe.training.checkpoint.OffPolicyEntries;
import org.netmoe.training.checkpoint.StateCodec;

/**
 * A {@link MultibsRun} as checkpoint entries: {@code dqn/online.params}, {@code dqn/target.params},
 * {@code dqn/adam} (the BS-set agent), {@code diffusion/denoiser.params} and {@code diffusion/adam} (the
 * policy), {@code critic/…} in {@code actor} and {@code bc+actor} ({@link DiffusionEntries}), {@code replay},
 * {@code rng/<stream>} for each of the run's streams, {@code env} and {@code multibs/progress} (format, the
 * current observation, the DQN's update count and the evaluation curve so far). The checkpoint's config is
 * the sub-run's resolved config.
 */
final class MultibsCheckpoint {
    private static final int PROGRESS_FORMAT = 1;

    /** The mutable state of one run; {@code critic} is null in {@code bc}. */
    record Parts(Dqn agent, DiffusionPolicy policy, DoubleCritic critic, ReplayBuffer replay,
                 Map<String, RngStream> streams, MultiBsEnv env) {
    }

    /** What the loop itself carries across a checkpoint. */
    record Progress(float[] observation, List<MultibsRun.Point> curve) {
    }

    private MultibsCheckpoint() {
    }

    /** The checkpoint after env step {@code step}. */
    static Checkpoint of(long step, String runConfig, Parts p, float[] observation, List<MultibsRun.Point> curve) {
        Checkpoint.Builder b = Checkpoint.builder(step).config(runConfig).metadata("experiment", "multibs-fig12")
                .counter("dqn_updates", p.agent().updates()).counter("diffusion_updates", p.policy().updates());
        DqnState dqn = p.agent().state();
        b.entry("dqn/online.params", StateCodec.params(dqn.online().parameters()));
        b.entry("dqn/target.params", StateCodec.params(dqn.target().parameters()));
        b.entry("dqn/adam", StateCodec.adam(dqn.optimizer()));
        DiffusionEntries.write(b, "diffusion", p.policy().state());
        if (p.critic() != null) {
            DiffusionEntries.write(b, "critic", p.critic().state());
        }
        b.entry("replay", OffPolicyEntries.replayBytes(p.replay().state()));
        p.streams().forEach((name, rng) -> b.entry("rng/" + name, rng.saveState()));
        b.entry("env", p.env().saveState());
        StateCodec.Out progress = new StateCodec.Out().intValue(PROGRESS_FORMAT).floats(observation)
                .longValue(dqn.updates()).intValue(curve.size());
        for (MultibsRun.Point point : curve) {
            progress.longValue(point.step()).doubleValue(point.reward()).doubleValue(point.expertPrecoderRate())
                    .doubleValue(point.precoderAccuracy());
        }
        b.entry("multibs/progress", progress.bytes());
        return b.build();
    }

    /**
     * Restores every part from {@code c} and returns the loop's progress.
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit the run
     */
    static Progress restore(Checkpoint c, Parts p) {
        StateCodec.In progress = new StateCodec.In(c, "multibs/progress");
        progress.format(PROGRESS_FORMAT);
        float[] observation = progress.floats();
        long dqnUpdates = progress.longValue();
        int points = progress.intValue();
        List<MultibsRun.Point> curve = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            curve.add(new MultibsRun.Point(progress.longValue(), progress.doubleValue(), progress.doubleValue(),
                    progress.doubleValue()));
        }
        progress.end();
        DqnState template = p.agent().state();
        p.agent().restore(new DqnState(StateCodec.network(c, "dqn/online.params", template.online()),
                StateCodec.network(c, "dqn/target.params", template.target()), StateCodec.adam(c, "dqn/adam"),
                dqnUpdates));
        p.policy().restore(DiffusionEntries.policy(c, "diffusion", p.policy().denoiser().numParams()));
        if (p.critic() != null) {
            p.critic().restore(DiffusionEntries.critic(c, "critic", p.critic().state()));
        }
        p.replay().restore(OffPolicyEntries.replay(c, "replay"));
        p.streams().forEach((name, rng) -> rng.restoreState(c.entry("rng/" + name)));
        p.env().restoreState(c.entry("env"));
        return new Progress(observation, curve);
    }
}
