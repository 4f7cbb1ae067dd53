package org.netmoe.agents.ppo;

import java.util.Arrays;
import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Ppo}'s minibatch on {@link org.netmoe.moe.nn.KernelPath#ND4J}: the gathered rows go to the device in
 * one copy (observations and, per row, the action (one-hot if discrete), old log-probability, advantage, return
 * and old value), the forwards, the loss ({@link DevicePpoLoss}) and both backwards run there, and one copy of
 * eight floats comes back: the five reported loss terms and the squared gradient norms of actor, critic and
 * log-std that the global norm clip needs.
 */
final class DevicePpoStep {
    /** Index of the actor's squared gradient norm in {@link #run}'s result; the critic's and log-std's follow. */
    static final int SQUARED_NORMS = 5;
    private final int m;
    private final int obsDim;
    private final int actionCols;
    private final int width;
    private final INDArray input;
    private final INDArray obs;
    private final INDArray data;
    private final float[] staging;
    private final INDArray stats = Nd4j.create(DataType.FLOAT, SQUARED_NORMS + 3);
    private final float[] hostStats = new float[SQUARED_NORMS + 3];
    private INDArray actorGrad;
    private INDArray criticGrad;
    private INDArray logStdGrad;

    DevicePpoStep(int m, ActorCritic policy) {
        this.m = m;
        this.obsDim = policy.obsDim();
        this.actionCols = policy.continuous() ? policy.actionDim() : policy.distribution().paramDim();
        this.width = actionCols + 4;
        this.input = Nd4j.create(DataType.FLOAT, (long) m * (obsDim + width));
        this.obs = HostArrays.matrix(input, 0, m, obsDim);
        this.data = HostArrays.matrix(input, (long) m * obsDim, m, width);
        this.staging = new float[m * (obsDim + width)];
    }

    /**
     * Rows to the device, forwards, loss, backwards into the networks' gradients; returns the policy loss, value
     * loss, mean entropy, approximate KL, clip fraction and the three squared gradient norms (2 copies).
     */
    float[] run(RolloutBatch rows, ActorCritic policy, PpoConfig config) {
        System.arraycopy(rows.observations(), 0, staging, 0, m * obsDim);
        Arrays.fill(staging, m * obsDim, staging.length, 0f);
        for (int j = 0; j < m; j++) {
            int o = m * obsDim + j * width;
            if (policy.continuous()) {
                System.arraycopy(rows.actions(), j * actionCols, staging, o, actionCols);
            } else {
                staging[o + (int) rows.actions()[j]] = 1f;
            }
            staging[o + actionCols] = rows.logProbs()[j];
            staging[o + actionCols + 1] = rows.advantages()[j];
            staging[o + actionCols + 2] = rows.returns()[j];
            staging[o + actionCols + 3] = rows.values()[j];
        }
        HostArrays.write(staging, input);
        INDArray params = policy.actor().forward(obs);
        INDArray values = policy.critic().forward(obs);
        DevicePpoLoss.Gradients g = DevicePpoLoss.compute(params, values, column(0, actionCols), policy.logStd(),
                column(actionCols, 1), column(actionCols + 1, 1), column(actionCols + 2, 1), column(actionCols + 3, 1),
                config, stats);
        actorGrad = policy.actor().backward(g.dParams());
        criticGrad = policy.critic().backward(g.dValue());
        logStdGrad = g.dLogStd();
        DevicePpoLoss.put(stats, SQUARED_NORMS, squaredNorm(actorGrad));
        DevicePpoLoss.put(stats, SQUARED_NORMS + 1, squaredNorm(criticGrad));
        DevicePpoLoss.put(stats, SQUARED_NORMS + 2, logStdGrad == null ? Nd4j.zeros(DataType.FLOAT, 1)
                : squaredNorm(logStdGrad));
        HostArrays.read(stats, hostStats);
        return hostStats;
    }

    private INDArray column(int from, int count) {
        return data.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count));
    }

    private static INDArray squaredNorm(INDArray x) {
        INDArray row = x.reshape(1, x.length());
        return row.mul(row).sum(true, 1);
    }

    /** The actor's gradient written by the latest {@link #run}. */
    INDArray actorGrad() {
        return actorGrad;
    }

    /** The critic's gradient written by the latest {@link #run}. */
    INDArray criticGrad() {
        return criticGrad;
    }

    /** ∂L/∂log σ of the latest {@link #run}, or null for a categorical policy. */
    INDArray logStdGrad() {
        return logStdGrad;
    }
}
