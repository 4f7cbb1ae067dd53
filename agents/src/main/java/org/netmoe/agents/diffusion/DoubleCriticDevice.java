package org.netmoe.agents.diffusion;

import java.util.HashMap;
import java.util.Map;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link DoubleCritic}'s losses on {@link org.netmoe.moe.nn.KernelPath#ND4J} (the path the CUDA backend runs), as
 * ND4J ops where the Q-values live: the update's target and squared errors (the rows {@code [s', a']},
 * {@code [s, a]}, the rewards and 1 − terminated go down in one copy, the two losses come back in one), and the
 * actor side's min(Q_1, Q_2) and its action gradient on device arrays (no copy). Each call allocates its
 * temporaries.
 */
final class DoubleCriticDevice {
    private final DoubleCritic critic;
    private final Adam[] adam;
    private final double gamma;
    private final double tau;
    private final int actionDim;
    private final int width;
    private final INDArray losses = Nd4j.create(DataType.FLOAT, 2);
    private final float[] hostLosses = new float[2];
    private final Map<Integer, INDArray> inputs = new HashMap<>();
    private INDArray firstIsMin;

    DoubleCriticDevice(DoubleCritic critic, Adam[] adam, CriticConfig config, int actionDim, int conditionDim) {
        this.critic = critic;
        this.adam = adam;
        this.gamma = config.gamma();
        this.tau = config.tau();
        this.actionDim = actionDim;
        this.width = actionDim + conditionDim;
    }

    /**
     * {@link DoubleCritic#update} on the device given {@code staging}: rows {@code [s', a']} (zeros where
     * terminated) then rows {@code [s, a]}, each {@code [n, width]}, then the rewards {@code [n]} and
     * 1 − terminated {@code [n]}: 2 copies.
     */
    double update(float[] staging, int n, boolean bootstrap) {
        INDArray all = inputs.computeIfAbsent(staging.length, k -> Nd4j.create(DataType.FLOAT, k));
        HostArrays.write(staging, all);
        long rows = (long) n * width;
        INDArray next = HostArrays.matrix(all, 0, n, width);
        INDArray current = HostArrays.matrix(all, rows, n, width);
        INDArray y = HostArrays.matrix(all, 2 * rows, n, 1).dup();
        if (bootstrap) {
            INDArray notTerminated = HostArrays.matrix(all, 2 * rows + n, n, 1);
            y.addi(Transforms.min(critic.target(0).forward(next), critic.target(1).forward(next))
                    .muli(notTerminated).muli(gamma));
        }
        INDArray[] d = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            INDArray diff = critic.q(i).forward(current).sub(y);
            losses.get(NDArrayIndex.interval(i, i + 1)).assign(diff.mul(diff).mean(true, 0).reshape(1));
            d[i] = diff.muli(2.0 / n);
        }
        HostArrays.read(losses, hostLosses);
        double loss = 0;
        for (int i = 0; i < 2; i++) {
            if (!Double.isFinite(hostLosses[i])) {
                throw new IllegalStateException("critic " + (i + 1) + " loss is " + hostLosses[i] + " at update "
                        + adam[i].stepCount());
            }
        }
        for (int i = 0; i < 2; i++) {
            Mlp q = critic.q(i);
            adam[i].step(q.parameters(), q.backward(d[i]));
            critic.target(i).polyakUpdate(q, tau);
            loss += hostLosses[i] / 2.0;
        }
        return loss;
    }

    /**
     * min(Q_1, Q_2) {@code [n, 1]} of rows {@code [actions, conditions]} (device arrays; conditions null when
     * there are none); keeps which critic is smaller.
     */
    INDArray minQ(INDArray conditions, INDArray actions) {
        INDArray rows = conditions == null ? actions : Nd4j.hstack(actions, conditions);
        INDArray q1 = critic.q(0).forward(rows);
        INDArray q2 = critic.q(1).forward(rows);
        firstIsMin = q1.sub(q2).gt(0.0).castTo(DataType.FLOAT).rsubi(1.0); // Q_1 ≤ Q_2, ties to Q_1
        return Transforms.min(q1, q2);
    }

    /** ∂(Σ_b weights_b · min(Q_1, Q_2))/∂a {@code [n, actionDim]} through the latest {@link #minQ}. */
    INDArray actionGradient(INDArray weights) {
        INDArray g1 = critic.q(0).backwardWithInputGradient(firstIsMin.mul(weights));
        INDArray g2 = critic.q(1).backwardWithInputGradient(firstIsMin.rsub(1.0).muli(weights));
        return g1.get(NDArrayIndex.all(), NDArrayIndex.interval(0, actionDim))
                .add(g2.get(NDArrayIndex.all(), NDArrayIndex.interval(0, actionDim)));
    }
}
