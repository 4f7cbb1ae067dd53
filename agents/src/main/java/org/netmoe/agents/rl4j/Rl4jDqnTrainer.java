package org.netmoe.agents.rl4j;

import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.rl4j.learning.IEpochTrainer;
import org.deeplearning4j.rl4j.learning.ILearning;
import org.deeplearning4j.rl4j.learning.configuration.QLearningConfiguration;
import org.deeplearning4j.rl4j.learning.listener.TrainingListener;
import org.deeplearning4j.rl4j.learning.sync.qlearning.QLearning;
import org.deeplearning4j.rl4j.learning.sync.qlearning.discrete.QLearningDiscreteDense;
import org.deeplearning4j.rl4j.network.dqn.DQN;
import org.deeplearning4j.rl4j.policy.EpsGreedy;
import org.deeplearning4j.rl4j.util.IDataManager;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.netmoe.envs.Env;
import org.netmoe.core.Require;
import org.netmoe.agents.rl4j.Rl4jMdp;
import org.netmoe.agents.rl4j.Rl4jObservation;
import org.netmoe.core.rng.RngStream;

/**
 * Trains the {@code rl4j-dqn} baseline: RL4J's {@link QLearningDiscreteDense} on a NetMoE env seen
 * through {@link Rl4jMdp}. RL4J's loop per env step: ε-greedy action, env step, store the
 * transition, and (once the replay holds {@code batchSize} transitions) one Adam step on a
 * minibatch of clamped TD targets, copying the target network every {@code targetUpdateSteps}
 * gradient steps.
 *
 * <p>What NetMoE changes in RL4J's setup: the Q-network is built here (hidden widths from the
 * config, Xavier init seeded from the run seed; RL4J's {@code DQNFactoryStdDense} has one width and
 * a fixed seed 12345), and exploration is {@link ScheduledEpsGreedy} (NetMoE's ε schedule and RNG).
 * The loss is RL4J's: MSE on TD targets whose error is clipped to {@code ±errorClamp}.
 *
 * <p><b>Determinism.</b> The run seed is split into named streams: {@code env/0} seeds the env's
 * first reset (later resets continue its stream), {@code init} the network initialization,
 * {@code explore} the ε coin flips and random actions, and {@code sample} RL4J's replay sampling
 * (an ND4J random instance of that seed, not the global one). On the CPU backend with a fixed
 * {@code OMP_NUM_THREADS} two runs with the same seed and config take the same actions and end with
 * the same parameters. Not controlled: ND4J's multithreaded kernels may sum in a different order
 * under another thread count or on CUDA, and RL4J's loop cannot be checkpointed mid-run (no
 * replay or step-counter export), so an interrupted run cannot be resumed exactly.
 */
public final class Rl4jDqnTrainer {
    private final Rl4jDqnConfig config;

    /** A trainer for {@code config}. */
    public Rl4jDqnTrainer(Rl4jDqnConfig config) {
        this.config = Require.nonNull("config", config);
    }

    /**
     * Trains a fresh Q-network for at least {@code totalSteps} env steps (RL4J finishes the episode
     * it is in) on an env made by {@code envFactory}, which must have a discrete action space.
     *
     * @param progressInterval {@link Rl4jDqnListener#onProgress} is called every this many env steps, {@code > 0}
     * @throws IllegalArgumentException if an argument is invalid or the env's actions are not discrete
     * @throws IllegalStateException    if the training loss becomes NaN or infinite (names the env step)
     */
    public Rl4jDqnResult train(Supplier<? extends Env> envFactory, int totalSteps, long seed, int progressInterval,
                               Rl4jDqnListener listener) {
        Require.nonNull("envFactory", envFactory);
        Require.positive("totalSteps", totalSteps);
        Require.positive("progressInterval", progressInterval);
        Require.nonNull("listener", listener);
        RngStream root = RngStream.of(seed);
        Rl4jMdp mdp = Rl4jMdp.of(envFactory, root.split("env/0").seed());
        try {
            int obsDim = mdp.getObservationSpace().getShape()[0];
            int numActions = mdp.getActionSpace().getSize();
            MultiLayerNetwork network = qNetwork(config, obsDim, numActions, root.split("init").seed());
            QLearningConfiguration rl4jConfig = rl4jConfig(totalSteps, root.split("sample").seed());
            Learner learner = new Learner(mdp, network, rl4jConfig, config, root.split("explore"),
                    progressInterval, listener);
            EpisodeCounter episodes = new EpisodeCounter(listener);
            learner.addListener(episodes);
            long start = System.nanoTime();
            learner.train();
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            return new Rl4jDqnResult(learner.getStepCount(), episodes.count, wallSeconds, new Rl4jDqnPolicy(network));
        } finally {
            mdp.close();
        }
    }

    /** The configured MLP: ReLU hidden layers, identity output of one Q-value per action, Adam. */
    static MultiLayerNetwork qNetwork(Rl4jDqnConfig config, int obsDim, int numActions, long initSeed) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(initSeed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list();
        int nIn = obsDim;
        for (int width : config.hiddenLayers()) {
            layers.layer(new DenseLayer.Builder().nIn(nIn).nOut(width).activation(Activation.RELU).build());
            nIn = width;
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(nIn).nOut(numActions).build());
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return network;
    }

    private QLearningConfiguration rl4jConfig(int totalSteps, long sampleSeed) {
        return QLearningConfiguration.builder()
                .seed(sampleSeed)
                .maxStep(totalSteps)
                .maxEpochStep(config.maxEpisodeSteps())
                .expRepMaxSize(config.replaySize())
                .batchSize(config.batchSize())
                .targetDqnUpdateFreq(config.targetUpdateSteps())
                .updateStart(config.learningStarts())
                .rewardFactor(config.rewardFactor())
                .gamma(config.gamma())
                .errorClamp(config.errorClamp())
                .minEpsilon(config.epsilonEnd())
                .epsilonNbStep(config.epsilonDecaySteps())
                .doubleDQN(config.doubleDqn())
                .build();
    }

    /** RL4J's learner with NetMoE exploration, a per-step progress callback and a NaN guard. */
    private static final class Learner extends QLearningDiscreteDense<Rl4jObservation> {
        private final ScheduledEpsGreedy exploration;
        private final int progressInterval;
        private final Rl4jDqnListener listener;

        Learner(Rl4jMdp mdp, MultiLayerNetwork network, QLearningConfiguration rl4jConfig, Rl4jDqnConfig config,
                RngStream explore, int progressInterval, Rl4jDqnListener listener) {
            super(mdp, new DQN(network), rl4jConfig);
            this.exploration = new ScheduledEpsGreedy(getPolicy(), mdp, this, config, explore);
            this.progressInterval = progressInterval;
            this.listener = listener;
        }

        @Override
        public EpsGreedy<Integer> getEgPolicy() {
            return exploration;
        }

        @Override
        public void incrementStep() {
            super.incrementStep();
            double loss = getQNetwork().getLatestScore();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("rl4j-dqn training loss is " + loss + " at env step " + getStepCount());
            }
            if (getStepCount() % progressInterval == 0) {
                listener.onProgress(getStepCount());
            }
        }
    }

    /** Forwards RL4J's end-of-episode statistics and counts the episodes. */
    private static final class EpisodeCounter implements TrainingListener {
        private final Rl4jDqnListener listener;
        private int count;

        EpisodeCounter(Rl4jDqnListener listener) {
            this.listener = listener;
        }

        @Override
        public ListenerResponse onEpochTrainingResult(IEpochTrainer trainer, IDataManager.StatEntry stats) {
            count++;
            // RL4J's QLearning reports a QLStatEntry: steps so far, undiscounted return, episode length
            QLearning.QLStatEntry entry = (QLearning.QLStatEntry) stats;
            listener.onEpisodeEnd(entry.getStepCounter(), entry.getReward(), entry.getEpisodeLength());
            return ListenerResponse.CONTINUE;
        }

        @Override
        public ListenerResponse onTrainingStart() {
            return ListenerResponse.CONTINUE;
        }

        @Override
        public void onTrainingEnd() {
        }

        @Override
        public ListenerResponse onNewEpoch(IEpochTrainer trainer) {
            return ListenerResponse.CONTINUE;
        }

        @Override
        public ListenerResponse onTrainingProgress(ILearning learning) {
            return ListenerResponse.CONTINUE;
        }
    }
}
