package org.netmoe.agents.rl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.rl4j.network.dqn.DQN;
import org.deeplearning4j.rl4j.policy.DQNPolicy;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.agents.rl4j.Rl4jObservation;

/**
 * A trained {@code rl4j-dqn} Q-network acting greedily: {@link #act} is the argmax of
 * {@link #qValues} (ties broken by ND4J's {@code argMax}). Saved as one DL4J model zip with its Adam updater
 * state ({@code rl4j-dqn.zip}, written by RL4J's {@link DQNPolicy#save}), so a loaded policy gives
 * exactly the saved one's Q-values.
 *
 * <p>Not thread-safe: DL4J networks are used by one thread at a time.
 */
public final class Rl4jDqnPolicy {
    /** The file a policy directory holds. */
    public static final String FILE_NAME = "rl4j-dqn.zip";

    private final MultiLayerNetwork network;
    private final DQNPolicy<Rl4jObservation> greedy;
    private final int obsDim;
    private final int numActions;

    Rl4jDqnPolicy(MultiLayerNetwork network) {
        this.network = network;
        this.greedy = new DQNPolicy<>(new DQN(network));
        this.obsDim = (int) ((FeedForwardLayer) network.getLayerWiseConfigurations().getConf(0).getLayer()).getNIn();
        int last = network.getnLayers() - 1;
        this.numActions = (int) ((FeedForwardLayer) network.getLayerWiseConfigurations().getConf(last).getLayer())
                .getNOut();
    }

    /** Length of the observations {@link #act} accepts. */
    public int obsDim() {
        return obsDim;
    }

    /** Number of discrete actions. */
    public int numActions() {
        return numActions;
    }

    /**
     * The greedy action for {@code obs}, in {@code [0, numActions)}.
     *
     * @throws IllegalArgumentException if {@code obs} is not of length {@link #obsDim()}
     */
    public int act(float[] obs) {
        return greedy.nextAction(input(obs));
    }

    /**
     * The Q-value estimate of every action for {@code obs}, length {@link #numActions()}.
     *
     * @throws IllegalArgumentException if {@code obs} is not of length {@link #obsDim()}
     */
    public double[] qValues(float[] obs) {
        return network.output(input(obs)).toDoubleVector();
    }

    /** The Q-network itself (parameters and updater state), e.g. for checkpoints; do not train it. */
    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * Writes the network and its updater state to {@code dir/}{@value #FILE_NAME}, creating
     * {@code dir} if needed; an existing file is replaced.
     *
     * @return the file written
     * @throws IOException if the directory or the file cannot be written
     */
    public Path save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try {
            greedy.save(file.toString());
        } catch (IOException e) {
            throw new IOException("saving the rl4j-dqn policy to " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * Loads a policy saved by {@link #save} from {@code dir}.
     *
     * @throws IOException if {@code dir} holds no {@value #FILE_NAME} or it cannot be read as a
     *                     DL4J multi-layer network
     */
    public static Rl4jDqnPolicy load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no rl4j-dqn policy in " + dir + ": " + FILE_NAME + " is missing");
        }
        try {
            return new Rl4jDqnPolicy(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true));
        } catch (IOException | RuntimeException e) {
            throw new IOException("reading the rl4j-dqn policy " + file + ": " + e.getMessage(), e);
        }
    }

    private INDArray input(float[] obs) {
        if (obs == null || obs.length != obsDim) {
            throw new IllegalArgumentException("obs must have length " + obsDim + ", was "
                    + (obs == null ? "null" : obs.length));
        }
        return Nd4j.createFromArray(new float[][] {obs.clone()});
    }
}
