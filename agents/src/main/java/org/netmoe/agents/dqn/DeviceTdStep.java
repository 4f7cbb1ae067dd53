package org.netmoe.agents.dqn;

import java.util.Arrays;
import org.netmoe.agents.buffer.DeviceStates;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Dqn}'s loss on {@link org.netmoe.moe.nn.KernelPath#ND4J} for one batch size: the batch goes to the
 * device in one copy (s, s' and per transition the one-hot action, r and 1 − terminated, {@link DeviceStates}),
 * the TD loss runs there ({@link DeviceTdLoss}) and only the loss and mean Q come back (one copy of two floats).
 */
final class DeviceTdStep {
    private final DqnConfig config;
    private final int numActions;
    private final DeviceStates states;
    private final float[] extras;
    private final INDArray stats = Nd4j.create(DataType.FLOAT, 2);
    private final float[] hostStats = new float[2];
    private INDArray dOutput;

    DeviceTdStep(DqnConfig config, int n, int obsDim, int numActions) {
        this.config = config;
        this.numActions = numActions;
        this.states = new DeviceStates(n, obsDim, numActions + 2);
        this.extras = new float[n * (numActions + 2)];
    }

    /** The batch to the device, Q(s', ·; θ⁻), Q(s', ·; θ) for double DQN and Q(s, ·; θ), then the loss; 2 copies. */
    UpdateStats loss(ReplayBatch batch, Mlp online, Mlp target) {
        int n = batch.size();
        int width = numActions + 2;
        Arrays.fill(extras, 0f);
        for (int j = 0; j < n; j++) {
            extras[j * width + batch.actionIndex(j)] = 1f;
            extras[j * width + numActions] = batch.rewards()[j];
            extras[j * width + numActions + 1] = batch.terminated()[j] ? 0f : 1f;
        }
        states.fill(batch, extras);
        boolean dueling = config.dueling();
        INDArray qNextTarget = DeviceTdLoss.toQ(target.forward(states.next), numActions, dueling);
        // a' from the online network (double DQN) before Q(s, ·; θ), whose forward buffers backward reads.
        INDArray nextChoice = config.doubleDqn()
                ? DeviceTdLoss.argmaxOneHot(DeviceTdLoss.toQ(online.forward(states.next), numActions, dueling)) : null;
        INDArray q = DeviceTdLoss.toQ(online.forward(states.current), numActions, dueling);
        INDArray e = states.extras;
        INDArray dQ = DeviceTdLoss.compute(q, qNextTarget, nextChoice,
                e.get(NDArrayIndex.all(), NDArrayIndex.interval(0, numActions)),
                e.get(NDArrayIndex.all(), NDArrayIndex.interval(numActions, numActions + 1)),
                e.get(NDArrayIndex.all(), NDArrayIndex.interval(numActions + 1, numActions + 2)),
                config.gamma(), config.huberDelta(), stats);
        dOutput = DeviceTdLoss.backwardQ(dQ, numActions, dueling);
        HostArrays.read(stats, hostStats);
        return new UpdateStats(hostStats[0], hostStats[1]);
    }

    /** ∂loss/∂(raw network output) of the latest {@link #loss}. */
    INDArray dOutput() {
        return dOutput;
    }

    int size() {
        return (int) states.current.rows();
    }
}
