package org.netmoe.training.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.netmoe.agents.diffusion.DiffusionPolicyState;
import org.netmoe.agents.diffusion.DoubleCriticState;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.moe.nn.AdamState;
import org.netmoe.moe.nn.NetworkState;

/**
 * A {@link DiffusionPolicyState} and a {@link DoubleCriticState} as checkpoint entries under a prefix
 * {@code p}: {@code p/denoiser.params} and {@code p/adam}; {@code p/q1.params}, {@code p/q2.params},
 * {@code p/q1_target.params}, {@code p/q2_target.params}, {@code p/adam/q1} and {@code p/adam/q2}.
 */
public final class DiffusionEntries {
    private DiffusionEntries() {
    }

    /** Adds the entries of the policy state {@code s} under {@code prefix}. */
    public static void write(Checkpoint.Builder b, String prefix, DiffusionPolicyState s) {
        b.entry(prefix + "/denoiser.params", StateCodec.params(s.denoiser()));
        b.entry(prefix + "/adam", StateCodec.adam(s.optimizer()));
    }

    /**
     * The policy state under {@code prefix}, for a denoiser of {@code numParams} parameters.
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit
     */
    public static DiffusionPolicyState policy(Checkpoint c, String prefix, long numParams) {
        return new DiffusionPolicyState(StateCodec.params(c, prefix + "/denoiser.params", Math.toIntExact(numParams)),
                StateCodec.adam(c, prefix + "/adam"));
    }

    /** Adds the entries of the critic state {@code s} under {@code prefix}. */
    public static void write(Checkpoint.Builder b, String prefix, DoubleCriticState s) {
        for (int i = 0; i < 2; i++) {
            String q = "q" + (i + 1);
            b.entry(prefix + "/" + q + ".params", StateCodec.params(s.q().get(i).parameters()));
            b.entry(prefix + "/" + q + "_target.params", StateCodec.params(s.target().get(i).parameters()));
            b.entry(prefix + "/adam/" + q, StateCodec.adam(s.optimizer().get(i)));
        }
    }

    /**
     * The critic state under {@code prefix}, with the architecture of {@code template} (the fresh critic's
     * own state).
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit
     */
    public static DoubleCriticState critic(Checkpoint c, String prefix, DoubleCriticState template) {
        List<NetworkState> q = new ArrayList<>();
        List<NetworkState> target = new ArrayList<>();
        List<AdamState> adam = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = prefix + "/q" + (i + 1);
            q.add(StateCodec.network(c, name + ".params", template.q().get(i)));
            target.add(StateCodec.network(c, name + "_target.params", template.target().get(i)));
            adam.add(StateCodec.adam(c, prefix + "/adam/q" + (i + 1)));
        }
        return new DoubleCriticState(q, target, adam);
    }
}
