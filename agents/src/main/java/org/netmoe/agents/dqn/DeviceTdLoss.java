package org.netmoe.agents.dqn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link TdLoss} as ND4J ops, for {@link org.netmoe.moe.nn.KernelPath#ND4J} (the path the CUDA backend runs):
 * the dueling head, the TD target and the Huber loss with its gradient over the batch where the Q-values
 * live, so nothing per row crosses to the host. The same functions as the host loops, in float instead of
 * double accumulation; {@code DeviceTdLossTest} compares the two. Each call allocates its small temporaries.
 */
final class DeviceTdLoss {
    private DeviceTdLoss() {
    }

    /**
     * Mean Huber loss of the TD errors, written with the mean Q(s, a) into {@code stats [2]}, and returns ∂loss/∂Q
     * {@code [n, numActions]}.
     *
     * @param q              Q(s, ·; θ), {@code [n, numActions]}
     * @param qNextTarget    Q(s', ·; θ⁻)
     * @param nextChoice     one-hot a' = argmax Q(s', ·; θ) for double DQN, or null: a' = argmax Q(s', ·; θ⁻)
     * @param actionOneHot   the taken actions, one-hot {@code [n, numActions]}
     * @param rewards        r, {@code [n, 1]}
     * @param notTerminated  1 − terminated, {@code [n, 1]}
     */
    static INDArray compute(INDArray q, INDArray qNextTarget, INDArray nextChoice, INDArray actionOneHot,
                            INDArray rewards, INDArray notTerminated, double gamma, double delta, INDArray stats) {
        long n = q.rows();
        INDArray bootstrap = nextChoice == null ? qNextTarget.max(true, 1) : qNextTarget.mul(nextChoice).sum(true, 1);
        // y = r + γ·(1 − terminated)·Q(s', a'; θ⁻): never bootstrap past termination.
        INDArray tdTarget = bootstrap.muli(notTerminated).muli(gamma).addi(rewards);
        INDArray qTaken = q.mul(actionOneHot).sum(true, 1);
        INDArray tdError = qTaken.sub(tdTarget);
        // Huber_δ(e) = c·(e − c/2) with c = clip(e, −δ, δ), whose derivative is c.
        INDArray c = Transforms.min(Transforms.max(tdError, -delta), delta);
        INDArray huber = tdError.sub(c.mul(0.5)).muli(c);
        stats.get(NDArrayIndex.interval(0, 1)).assign(huber.mean(true, 0).reshape(1));
        stats.get(NDArrayIndex.interval(1, 2)).assign(qTaken.mean(true, 0).reshape(1));
        // The target is a constant; only the taken action's output receives a gradient.
        return actionOneHot.mulColumnVector(c.divi(n));
    }

    /** One-hot rows {@code [n, numActions]} of the argmax of each row of {@code q} (the first on ties, as {@link TdLoss#argmax}). */
    static INDArray argmaxOneHot(INDArray q) {
        INDArray index = Nd4j.argMax(q, 1);
        return Nd4j.exec(new OneHot(index, (int) q.columns(), -1, 1.0, 0.0, DataType.FLOAT))[0];
    }

    /** Q-values from the raw outputs {@code [n, numActions (+1)]}, as {@link TdLoss#toQ}: a new array. */
    static INDArray toQ(INDArray raw, int numActions, boolean dueling) {
        if (!dueling) {
            return raw.dup();
        }
        INDArray v = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1));
        INDArray a = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(1, numActions + 1));
        return a.subColumnVector(a.mean(true, 1)).addiColumnVector(v);
    }

    /** ∂L/∂raw from ∂L/∂Q, as {@link TdLoss#backwardQ}: a new array. */
    static INDArray backwardQ(INDArray dQ, int numActions, boolean dueling) {
        if (!dueling) {
            return dQ;
        }
        INDArray dRaw = Nd4j.create(DataType.FLOAT, dQ.rows(), numActions + 1);
        dRaw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).assign(dQ.sum(true, 1));
        dRaw.get(NDArrayIndex.all(), NDArrayIndex.interval(1, numActions + 1))
                .assign(dQ.subColumnVector(dQ.mean(true, 1)));
        return dRaw;
    }
}
