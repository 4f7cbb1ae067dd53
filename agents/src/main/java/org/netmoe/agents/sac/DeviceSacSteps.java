package org.netmoe.agents.sac;

import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The steps both SAC variants take on {@link org.netmoe.moe.nn.KernelPath#ND4J} (the path the CUDA backend
 * runs): the twin critics' regression step with its loss on the device, whose only copy brings back the two
 * losses and the mean Q (for the NaN check and the stats), and the categorical actor's objective (Eq. 12 of
 * Christodoulou 2019) as ND4J ops. Each call allocates its small temporaries. The host path's versions are
 * {@link SacNetworks#criticStep} and {@link CategoricalHead}; {@code DeviceSacTest} compares them.
 */
final class DeviceSacSteps {
    private final INDArray stats = Nd4j.create(DataType.FLOAT, 3);
    private final float[] hostStats = new float[3];

    /**
     * One regression step of each critic on {@code J_Q = mean_i (Q_k(input)_i · taken_i − y_i)²}, then its Adam
     * step: 1 copy (the two losses and mean Q_1 out).
     *
     * @param taken one-hot {@code [n, outputs]} of the stored actions (discrete SAC), or null when a critic has
     *              one output (continuous SAC)
     * @param y     the soft TD targets {@code [n, 1]}
     * @throws IllegalStateException if a loss is not finite (no critic changes then)
     */
    SacNetworks.CriticStep[] criticSteps(SacNetworks nets, INDArray input, INDArray taken, INDArray y) {
        INDArray[] dq = new INDArray[2];
        for (int k = 1; k <= 2; k++) {
            INDArray out = nets.critic(k).forward(input);
            INDArray q = taken == null ? out : out.mul(taken).sum(true, 1);
            INDArray err = q.sub(y);
            put(stats, k - 1, err.mul(err).mean(true, 0));
            if (k == 1) {
                put(stats, 2, q.mean(true, 0));
            }
            err.muli(2.0 / q.rows()); // ∂J_Q/∂Q, only at the taken outputs
            dq[k - 1] = taken == null ? err : taken.mulColumnVector(err);
        }
        HostArrays.read(stats, hostStats);
        nets.checkFinite(hostStats[0], "qf1_loss");
        nets.checkFinite(hostStats[1], "qf2_loss");
        for (int k = 1; k <= 2; k++) {
            Mlp critic = nets.critic(k);
            critic.backward(dq[k - 1]);
            (k == 1 ? nets.qf1Optimizer : nets.qf2Optimizer).step(critic.parameters(), critic.gradient());
        }
        return new SacNetworks.CriticStep[] {new SacNetworks.CriticStep(hostStats[0], hostStats[2]),
                new SacNetworks.CriticStep(hostStats[1], 0)};
    }

    /** Row-wise log-softmax of {@code logits [n, numActions]}: a new array. */
    static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        return shifted.subiColumnVector(Transforms.log(Transforms.exp(shifted).sum(true, 1), false));
    }

    /**
     * The categorical actor loss mean_i Σ_a p_ia (α log p_ia − minQ_ia) into {@code out[0]}, E_s[Σ_a p log p] into
     * {@code out[1]} (both on the device), returning ∂/∂logits = p (f − Σ_a p f) / n with f = α log p − minQ, as
     * {@link CategoricalHead#actorLoss}.
     */
    static INDArray categoricalActorLoss(INDArray logits, INDArray minQ, double alpha, INDArray out) {
        long n = logits.rows();
        INDArray logP = logSoftmax(logits);
        INDArray p = Transforms.exp(logP);
        INDArray f = logP.mul(alpha).subi(minQ);
        INDArray expected = p.mul(f).sum(true, 1);
        put(out, 0, expected.mean(true, 0));
        put(out, 1, p.mul(logP).sum(true, 1).mean(true, 0));
        return f.subiColumnVector(expected).muli(p).divi(n);
    }

    /** {@code vector[i] = scalar}, on the device. */
    static void put(INDArray vector, int i, INDArray scalar) {
        vector.get(NDArrayIndex.interval(i, i + 1)).assign(scalar.reshape(1));
    }
}
