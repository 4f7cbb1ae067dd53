package org.netmoe.agents.dqn;

import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.buffer.ReplayBuffer;
import java.util.Map;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hand-run throughput probe (not a test): env steps/s of {@link Dqn} with one gradient step per env
 * step (defaults: 2×64 ReLU, Adam, batch 64, replay 10 000, learning starts 1 000) on a cheap
 * 22-dimensional, 4-action env, then the cost of each part of a step. Run with OMP_NUM_THREADS=1:
 * {@code java -cp <test classpath> org.netmoe.agents.dqn.DqnThroughput [steps]}.
 */
final class DqnThroughput {
    private DqnThroughput() {
    }

    /** A 22-dim random walk on a torus with 4 actions; 50-step episodes; nearly free to step. */
    static final class Walk extends EpisodicEnv {
        private final float[] x = new float[22];

        Walk() {
            super(50);
        }

        @Override
        public Box observationSpace() {
            return Box.uniform(-1f, 1f, 22);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(4);
        }

        @Override
        public boolean stochastic() {
            return true;
        }

        @Override
        protected Reset onReset(RngStream rng, Map<String, ?> options) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (2 * rng.nextDouble() - 1);
            }
            return new Reset(x.clone(), Map.of());
        }

        @Override
        protected Step onStep(Action action, RngStream rng) {
            int a = ((Action.Index) action).index();
            x[a] = x[a] > 0.9f ? -1f : x[a] + 0.1f;
            x[4 + rng.nextInt(18)] = (float) (2 * rng.nextDouble() - 1);
            return new Step(x.clone(), x[0], x[1] > 0.95f, false, Map.of());
        }
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        DqnConfig config = DqnConfig.defaults();
        RngStream root = RngStream.of(1);
        RngStream explore = root.split("explore");
        RngStream sample = root.split("sample");
        try (VectorEnv envs = VectorEnv.of(1, i -> new Walk())) {
            Dqn dqn = new Dqn(config, 22, 4, root.split("init"));
            ReplayBuffer buffer = new ReplayBuffer(config.bufferSize(), 22, 1);
            float[] obs = envs.reset(1).clone();
            long warmupEnd = 0;
            long start = System.nanoTime();
            long windowStart = 0;
            double bestWindow = 0;
            for (long step = 0; step < steps; step++) {
                if (step == config.learningStarts() + 2_000) {
                    warmupEnd = System.nanoTime();
                }
                if (step > config.learningStarts() && step % 1_000 == 0) {
                    long now = System.nanoTime();
                    if (windowStart > 0) {
                        bestWindow = Math.max(bestWindow, 1_000 / ((now - windowStart) / 1e9));
                    }
                    windowStart = now;
                }
                double epsilon = step < config.learningStarts() ? 1.0 : config.epsilon().valueAt(step, steps);
                int[] actions = dqn.act(obs, epsilon, explore);
                VectorEnv.VecStep s = envs.step(actions);
                buffer.add(obs, new float[] {actions[0]}, s);
                obs = s.observations().clone();
                if (step >= config.learningStarts()) {
                    dqn.update(buffer.sample(config.batchSize(), sample));
                }
            }
            long end = System.nanoTime();
            long measured = steps - config.learningStarts() - 2_000;
            System.out.printf("total %d env steps in %.2f s; after JIT warm-up: %.0f env steps/s (1 gradient step each)%n",
                    steps, (end - start) / 1e9, measured / ((end - warmupEnd) / 1e9));
            System.out.printf("best 1000-step window while training: %.0f env steps/s%n", bestWindow);

            int reps = 1_000;
            float[] one = obs.clone();
            time("act, ε = 0 (forward batch 1 + copies)", reps, () -> dqn.act(one, 0.0, explore));
            time("replay sample 64", reps, () -> buffer.sample(64, sample));
            ReplayBatch sampled = buffer.sample(64, sample);
            INDArray observations = org.nd4j.linalg.factory.Nd4j.createFromArray(sampled.observations()).reshape(64, 22);
            INDArray nextObservations = org.nd4j.linalg.factory.Nd4j.createFromArray(sampled.nextObservations())
                    .reshape(64, 22);
            Mlp online = dqn.online();
            Mlp target = dqn.target();
            time("target forward, batch 64", reps, () -> target.forward(nextObservations));
            time("online forward, batch 64", reps, () -> online.forward(observations));
            INDArray dOut = online.forward(observations).dup();
            time("online backward, batch 64", reps, () -> online.backward(dOut));
            time("online forward, batch 128 (for comparison)", reps, () -> online.forward(org.nd4j.linalg.factory.Nd4j.concat(0, observations, nextObservations)));
            INDArray dOut128 = online.forward(org.nd4j.linalg.factory.Nd4j.concat(0, observations, nextObservations)).dup();
            time("online backward, batch 128 (for comparison)", reps, () -> online.backward(dOut128));
            Adam adam = new Adam(config.adam(), online.parameters().length());
            INDArray params = online.parameters().dup();
            INDArray grad = online.gradient().dup();
            time("Adam step incl. grad-norm clip (" + params.length() + " params)", reps,
                    () -> adam.step(params, grad.assign(online.gradient())));
            Adam noClip = new Adam(org.netmoe.moe.nn.AdamConfig.of(1e-3), online.parameters().length());
            time("Adam step, no clipping (+ gradient copy)", reps, () -> noClip.step(params, grad.assign(online.gradient())));
            time("grad copy alone (assign)", reps, () -> grad.assign(online.gradient()));
            time("hard target copy", reps, () -> target.copyParametersFrom(online));
            time("full Dqn.update", reps, () -> dqn.update(sampled));
            time("env step + buffer add", reps, () -> {
                VectorEnv.VecStep s = envs.step(new int[] {1});
                buffer.add(one, new float[] {1}, s);
            });
        }
    }

    /** Mean µs per call, the best of 7 rounds (the machine may be shared: the minimum is the least disturbed). */
    private static void time(String name, int reps, Runnable r) {
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                r.run();
            }
            double us = (System.nanoTime() - t0) / 1e3 / reps;
            if (round > 0) {
                best = Math.min(best, us);
            }
        }
        System.out.printf("%-55s %8.1f µs%n", name, best);
    }
}
