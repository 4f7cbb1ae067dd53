package org.netmoe.training.checkpoint;

import java.util.Optional;
import org.netmoe.agents.loop.OnPolicySnapshot;
import org.netmoe.agents.ppo.ActorCriticSnapshot;
import org.netmoe.agents.ppo.PpoSnapshot;
import org.netmoe.checkpoints.Checkpoint;

/**
 * An {@link OnPolicySnapshot} as checkpoint entries: {@code ppo/actor.params},
 * {@code ppo/critic.params}, {@code ppo/log_std.params} (empty for discrete actions),
 * {@code ppo/adam/actor}, {@code ppo/adam/critic}, {@code ppo/adam/log_std} (Gaussian policies
 * only), {@code rng/minibatch}, {@code rng/sample}, {@code envs} and {@code loop} (format, env
 * steps, iterations, updates, current learning rate, current observations).
 */
public final class PpoEntries implements LoopEntries<OnPolicySnapshot> {
    /** The entries of PPO's loop. */
    public static final PpoEntries ENTRIES = new PpoEntries();
    private static final int LOOP_FORMAT = 1;

    private PpoEntries() {
    }

    @Override
    public void write(Checkpoint.Builder b, OnPolicySnapshot s) {
        PpoSnapshot p = s.ppo();
        b.entry("ppo/actor.params", StateCodec.params(p.policy().actor()));
        b.entry("ppo/critic.params", StateCodec.params(p.policy().critic()));
        b.entry("ppo/log_std.params", StateCodec.params(p.policy().logStd()));
        b.entry("ppo/adam/actor", StateCodec.adam(p.actorOptimizer()));
        b.entry("ppo/adam/critic", StateCodec.adam(p.criticOptimizer()));
        p.logStdOptimizer().ifPresent(a -> b.entry("ppo/adam/log_std", StateCodec.adam(a)));
        b.entry("rng/minibatch", p.shuffleRng());
        b.entry("rng/sample", s.sampleRng());
        b.entry("envs", s.envs());
        b.entry("loop", new StateCodec.Out().intValue(LOOP_FORMAT).longValue(s.envSteps()).longValue(s.iterations())
                .longValue(p.updates()).doubleValue(p.learningRate()).floats(s.observations()).bytes());
    }

    @Override
    public OnPolicySnapshot read(Checkpoint c, OnPolicySnapshot template) {
        StateCodec.In loop = new StateCodec.In(c, "loop");
        loop.format(LOOP_FORMAT);
        long envSteps = loop.longValue();
        long iterations = loop.longValue();
        long updates = loop.longValue();
        double learningRate = loop.doubleValue();
        float[] obs = loop.floats();
        loop.end();
        ActorCriticSnapshot shape = template.ppo().policy();
        ActorCriticSnapshot policy = new ActorCriticSnapshot(
                StateCodec.params(c, "ppo/actor.params", shape.actor().length),
                StateCodec.params(c, "ppo/critic.params", shape.critic().length),
                StateCodec.params(c, "ppo/log_std.params", shape.logStd().length));
        PpoSnapshot ppo = new PpoSnapshot(PpoSnapshot.FORMAT_VERSION, policy, StateCodec.adam(c, "ppo/adam/actor"),
                StateCodec.adam(c, "ppo/adam/critic"),
                template.ppo().logStdOptimizer().isPresent() ? Optional.of(StateCodec.adam(c, "ppo/adam/log_std"))
                        : Optional.empty(),
                learningRate, c.entry("rng/minibatch"), updates);
        return new OnPolicySnapshot(ppo, c.entry("rng/sample"), c.entry("envs"), obs, envSteps, iterations);
    }
}
