package org.netmoe.training.experiment.multibs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netmoe.agents.buffer.ReplayBuffer;
import org.netmoe.agents.diffusion.DiffusionPolicy;
import org.netmoe.agents.diffusion.DoubleCritic;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.core.rng.RngStream;
import org.netmoe.training.checkpoint.DiffusionEntries;
import org.netmoe.training.checkpoint.OffPolicyEntries;
import org.netmoe.training.checkpoint.StateCodec;

/**
 * A {@link MultibsRun} as checkpoint entries: {@code diffusion/denoiser.params} and {@code diffusion/adam} (the
 * policy), {@code critic/…} in {@code actor} and {@code bc+actor} ({@link DiffusionEntries}), {@code replay},
 * {@code rng/<stream>} for each of the run's streams (the user arrivals among them) and {@code multibs/progress}
 * (format and the evaluation curve so far). The checkpoint's config is the sub-run's resolved config.
 */
final class MultibsCheckpoint {
    /** 2: the BS set is the exhaustive-search one (no DQN, no env state); 1 held a DQN and the env. */
    private static final int PROGRESS_FORMAT = 2;

    /** The mutable state of one run; {@code critic} is null in {@code bc}. */
    record Parts(DiffusionPolicy policy, DoubleCritic critic, ReplayBuffer replay, Map<String, RngStream> streams) {
    }

    private MultibsCheckpoint() {
    }

    /** The checkpoint after env step {@code step}. */
    static Checkpoint of(long step, String runConfig, Parts p, List<MultibsRun.Point> curve) {
        Checkpoint.Builder b = Checkpoint.builder(step).config(runConfig).metadata("experiment", "multibs-fig12")
                .counter("diffusion_updates", p.policy().updates());
        DiffusionEntries.write(b, "diffusion", p.policy().state());
        if (p.critic() != null) {
            DiffusionEntries.write(b, "critic", p.critic().state());
        }
        b.entry("replay", OffPolicyEntries.replayBytes(p.replay().state()));
        p.streams().forEach((name, rng) -> b.entry("rng/" + name, rng.saveState()));
        StateCodec.Out progress = new StateCodec.Out().intValue(PROGRESS_FORMAT).intValue(curve.size());
        for (MultibsRun.Point point : curve) {
            progress.longValue(point.step()).doubleValue(point.reward()).doubleValue(point.precoderAccuracy())
                    .doubleValue(point.trainReward()).doubleValue(point.trainAccuracy());
        }
        b.entry("multibs/progress", progress.bytes());
        return b.build();
    }

    /**
     * Restores every part from {@code c} and returns the evaluation curve so far.
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit the run
     */
    static List<MultibsRun.Point> restore(Checkpoint c, Parts p) {
        StateCodec.In progress = new StateCodec.In(c, "multibs/progress");
        progress.format(PROGRESS_FORMAT);
        int points = progress.intValue();
        List<MultibsRun.Point> curve = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            curve.add(new MultibsRun.Point(progress.longValue(), progress.doubleValue(), progress.doubleValue(),
                    progress.doubleValue(), progress.doubleValue()));
        }
        progress.end();
        p.policy().restore(DiffusionEntries.policy(c, "diffusion", p.policy().denoiser().numParams()));
        if (p.critic() != null) {
            p.critic().restore(DiffusionEntries.critic(c, "critic", p.critic().state()));
        }
        p.replay().restore(OffPolicyEntries.replay(c, "replay"));
        p.streams().forEach((name, rng) -> rng.restoreState(c.entry("rng/" + name)));
        return curve;
    }
}
