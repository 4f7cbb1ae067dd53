package org.netmoe.training.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.core.Require;

/**
 * The top level of a {@code train} config file:
 * <pre>
 * seed: 1
 * env:   {id: maze-3x7, params: {...}}     # params bound to the env's config record
 * agent: {id: rl4j-dqn, params: {...}}     # params bound to the agent's config record
 * train: {steps: 20000, logEvery: 1000, evalEpisodes: 20, evalEvery: 5000}
 * checkpoint: {every: 5000, keep: 3}       # env steps between checkpoints; newest kept (+ the best)
 * </pre>
 */
public record RunConfig(long seed, Component env, Component agent, TrainSection train,
                        CheckpointSection checkpoint) {
    public RunConfig {
        Require.nonNull("env", env);
        Require.nonNull("agent", agent);
        train = train == null ? TrainSection.defaults() : train;
        checkpoint = checkpoint == null ? CheckpointSection.defaults() : checkpoint;
    }

    /** An env or agent: registered id plus its parameters (a mapping, may be empty). */
    public record Component(String id, JsonNode params) {
        public Component {
            Require.nonNull("id", id);
        }
    }

    /**
     * How long to train and how often to log.
     *
     * @param steps        env steps to train for
     * @param logEvery     env steps between progress log lines and metric rows
     * @param evalEpisodes greedy episodes run at the end of training to report the final policy, and
     *                     at each evaluation during training
     * @param evalEvery    env steps between evaluations during training (eval/* metrics, the best policy
     *                     kept in {@code best/}); 0, the default, evaluates only at the end
     */
    public record TrainSection(long steps, long logEvery, int evalEpisodes, long evalEvery) {
        public TrainSection {
            Require.positive("steps", steps);
            Require.positive("logEvery", logEvery);
            Require.nonNegative("evalEpisodes", evalEpisodes);
            Require.nonNegative("evalEvery", evalEvery);
            if (evalEvery > 0 && evalEpisodes == 0) {
                throw new IllegalArgumentException("evalEvery needs evalEpisodes > 0 (the episodes of each evaluation)");
            }
        }

        public static TrainSection defaults() {
            return new TrainSection(10_000, 1_000, 20, 0);
        }
    }

    /**
     * When a run writes checkpoints into {@code checkpoints/} of its run directory.
     *
     * @param every env steps between two checkpoints (PPO: at the first iteration boundary past
     *              each multiple), {@code > 0}
     * @param keep  how many of the newest checkpoints are kept, {@code >= 1}; the best-scoring one
     *              is kept in addition
     */
    public record CheckpointSection(long every, int keep) {
        public CheckpointSection {
            Require.positive("every", every);
            Require.positive("keep", keep);
        }

        public static CheckpointSection defaults() {
            CheckpointConfig d = CheckpointConfig.defaults();
            return new CheckpointSection(d.every(), d.keep());
        }

        /** The store's view of this section. */
        public CheckpointConfig toConfig() {
            return new CheckpointConfig(every, keep);
        }
    }
}
