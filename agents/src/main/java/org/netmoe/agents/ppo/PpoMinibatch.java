package org.netmoe.agents.ppo;

import java.util.Arrays;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Ppo}'s per-update scratch: the shuffled index order and, for one minibatch of {@code m} transitions,
 * the gathered host rows and the device arrays the networks read and write. What crosses together shares one
 * device buffer: the actor's output and the critic's value come back in one copy ({@link #forward}), and
 * the gradients for the actor output, the value and the log-std go down in one ({@link #writeGradients}).
 * Both kernel paths shuffle, gather and normalize here; {@link #forward} and {@link #writeGradients} serve the
 * host path's loss, {@link DevicePpoStep} the ND4J path's.
 */
final class PpoMinibatch {
    final int[] indices;
    final int m;
    final int obsDim;
    final int actionDim;
    final int paramDim;
    /** The gathered transitions: a rollout of {@code m} rows, its advantages normalized if configured. */
    final RolloutBatch rows;
    /** The actor's outputs {@code [m * paramDim]}, then the values {@code [m]}: the host side of {@link #outputs}. */
    final float[] params;
    final float[] newValues;
    final float[] dParams;
    final float[] dValues;
    final float[] dLogStd;
    final INDArray obsArray;
    final INDArray dOutput;
    final INDArray dValue;
    final INDArray logStdGrad;
    private final INDArray outputs;
    private final INDArray paramsView;
    private final INDArray valuesView;
    private final INDArray gradients;
    private final float[] gradientsHost;

    PpoMinibatch(int batchSize, int m, ActorCritic policy) {
        this.indices = new int[batchSize];
        this.m = m;
        this.obsDim = policy.obsDim();
        this.actionDim = policy.actionDim();
        this.paramDim = policy.distribution().paramDim();
        int logStdDim = policy.continuous() ? actionDim : 0;
        rows = new RolloutBatch(new float[m * obsDim], new float[m * actionDim], new float[m], new float[m],
                new float[m], new float[m]);
        params = new float[m * paramDim + m];
        newValues = new float[m];
        dParams = new float[m * paramDim];
        dValues = new float[m];
        dLogStd = new float[logStdDim];
        obsArray = Nd4j.create(DataType.FLOAT, m, obsDim);
        outputs = Nd4j.create(DataType.FLOAT, (long) m * paramDim + m);
        paramsView = HostArrays.matrix(outputs, 0, m, paramDim);
        valuesView = HostArrays.matrix(outputs, (long) m * paramDim, m, 1);
        gradientsHost = new float[m * paramDim + m + logStdDim];
        gradients = Nd4j.create(DataType.FLOAT, gradientsHost.length);
        dOutput = HostArrays.matrix(gradients, 0, m, paramDim);
        dValue = HostArrays.matrix(gradients, (long) m * paramDim, m, 1);
        logStdGrad = policy.continuous() ? HostArrays.vector(gradients, (long) m * paramDim + m, logStdDim) : null;
    }

    /** Fisher–Yates from the identity, so the order depends on the RNG state alone (exact resume). */
    void shuffle(RngStream rng) {
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        for (int i = indices.length - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int tmp = indices[i];
            indices[i] = indices[k];
            indices[k] = tmp;
        }
    }

    void gather(RolloutBatch rollout, int start) {
        for (int j = 0; j < m; j++) {
            int k = indices[start + j];
            System.arraycopy(rollout.observations(), k * obsDim, rows.observations(), j * obsDim, obsDim);
            System.arraycopy(rollout.actions(), k * actionDim, rows.actions(), j * actionDim, actionDim);
            rows.logProbs()[j] = rollout.logProbs()[k];
            rows.values()[j] = rollout.values()[k];
            rows.advantages()[j] = rollout.advantages()[k];
            rows.returns()[j] = rollout.returns()[k];
        }
    }

    /** (Â − mean) / (std + 1e-8) with the unbiased std, as CleanRL's {@code torch.std}. */
    void normalizeAdvantages() {
        float[] advantages = rows.advantages();
        double mean = 0;
        for (float a : advantages) {
            mean += a;
        }
        mean /= m;
        double var = 0;
        for (float a : advantages) {
            var += (a - mean) * (a - mean);
        }
        double std = Math.sqrt(var / (m - 1));
        for (int j = 0; j < m; j++) {
            advantages[j] = (float) ((advantages[j] - mean) / (std + 1e-8));
        }
    }

    /** The observations to the device (one copy), then both forwards, their outputs back (one copy). */
    void forward(ActorCritic policy) {
        HostArrays.write(rows.observations(), obsArray);
        paramsView.assign(policy.actor().forward(obsArray));
        valuesView.assign(policy.critic().forward(obsArray));
        HostArrays.read(outputs, params);
        System.arraycopy(params, m * paramDim, newValues, 0, m);
        Arrays.fill(dParams, 0f);
        Arrays.fill(dLogStd, 0f);
    }

    /** ∂L/∂(actor output), ∂L/∂V and ∂L/∂log σ to the device in one copy ({@link #dOutput}, {@link #dValue}, {@link #logStdGrad}). */
    void writeGradients() {
        System.arraycopy(dParams, 0, gradientsHost, 0, dParams.length);
        System.arraycopy(dValues, 0, gradientsHost, dParams.length, m);
        System.arraycopy(dLogStd, 0, gradientsHost, dParams.length + m, dLogStd.length);
        HostArrays.write(gradientsHost, gradients);
    }
}
