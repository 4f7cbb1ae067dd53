package org.netmoe.agents.diffusion;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.AdamConfig;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The double critic of Diffusion-QL (Wang et al. 2023, Sec. 4; Fujimoto et al. 2018): two ReLU Q networks
 * {@code Q_i([a, s]) : [batch, actionDim + conditionDim] -> [batch, 1]}, each with a Polyak-averaged target
 * copy, regressed on {@code y = r + γ·(1 − done)·min(Q'_1, Q'_2)(s', a')}. The actor side is
 * {@link #minQActionGradient}: {@code min(Q_1, Q_2)} and its gradient in the action, which
 * {@link DiffusionPolicy#actorUpdate} pushes through the reverse chain.
 *
 * <p><b>Host↔device copies</b> ({@link HostArrays} calls) are given per method for {@link KernelPath#HOST}; the
 * arrays of each batch size are allocated once and reused, so no update allocates a device array after the
 * first at its batch size. On {@link KernelPath#ND4J} (the path the CUDA backend runs) the losses run as ND4J
 * ops ({@link DoubleCriticDevice}): {@link #update} makes 2 copies (the rows, rewards and termination flags in;
 * the two losses out, for the NaN check and the result) and allocates its temporaries, and the diffusion
 * actor's min(Q_1, Q_2) and action gradient stay on the device.
 *
 * <p>Not thread-safe; initialisation draws from the given stream only, so the same seed gives bit-identical
 * parameters.
 */
public final class DoubleCritic {
    private final CriticConfig config;
    private final int actionDim;
    private final int conditionDim;
    private final Mlp[] q = new Mlp[2];
    private final Mlp[] target = new Mlp[2];
    private final Adam[] adam = new Adam[2];
    private final Map<Integer, CriticRows> rows = new HashMap<>();
    private CriticRows last;
    /** The losses on the device when the Q networks run on {@link KernelPath#ND4J}, else null. */
    private final DoubleCriticDevice device;

    /** Q networks {@code [actionDim + conditionDim, hiddenSizes..., 1]} drawn from {@code init}; targets are copies. */
    public DoubleCritic(CriticConfig config, int actionDim, int conditionDim, RngStream init) {
        this.config = Require.nonNull("config", config);
        this.actionDim = Require.positive("actionDim", actionDim);
        this.conditionDim = Require.nonNegative("conditionDim", conditionDim);
        int[] sizes = new int[config.hiddenSizes().size() + 2];
        sizes[0] = actionDim + conditionDim;
        for (int i = 0; i < config.hiddenSizes().size(); i++) {
            sizes[i + 1] = config.hiddenSizes().get(i);
        }
        sizes[sizes.length - 1] = 1;
        for (int i = 0; i < 2; i++) {
            q[i] = Mlp.create(sizes, Mlp.Activation.RELU, init.split("q" + (i + 1)));
            target[i] = Mlp.fromState(q[i].state());
            adam[i] = new Adam(AdamConfig.of(config.learningRate()).withMaxGradNorm(config.maxGradNorm()),
                    q[i].numParams());
        }
        device = q[0].kernelPath() == KernelPath.ND4J
                ? new DoubleCriticDevice(this, adam, config, actionDim, conditionDim) : null;
    }

    /** The device side of the actor's min(Q_1, Q_2), or null on {@link KernelPath#HOST}. */
    DoubleCriticDevice device() {
        return device;
    }

    /**
     * One Adam step of each Q network on {@code mean (Q_i(s, a) − y)²}, then the Polyak update of the targets.
     * Makes 6 {@link HostArrays} copies (5 when every row terminated): the stacked inputs {@code [s', a']} and
     * {@code [s, a]} in, min(Q'_1, Q'_2) out for the target (the minimum is taken on the device), and per Q network
     * its predictions out and ∂loss/∂Q in (the squared error runs on the host).
     *
     * @return the mean of the two losses before the step
     * @throws IllegalStateException if a loss is not finite
     */
    public double update(CriticBatch batch) {
        int n = batch.size();
        CriticRows b = rows(n);
        boolean bootstrap = false;
        for (boolean done : batch.terminated()) {
            bootstrap |= !done;
        }
        if (bootstrap || device != null) {
            // CriticRows that terminated take a zero stand-in: never bootstrap past a terminal transition.
            for (int r = 0; r < n; r++) {
                boolean done = batch.terminated()[r];
                fillRow(b.staging, r, done ? null : batch.nextConditions()[r], done ? null : batch.nextActions()[r]);
            }
        }
        fillCriticRows(b.staging, n, batch.conditions(), batch.actions());
        if (device != null) {
            int rows = 2 * n * (actionDim + conditionDim);
            System.arraycopy(b.staging, 0, b.deviceStaging, 0, rows);
            for (int r = 0; r < n; r++) {
                b.deviceStaging[rows + r] = batch.rewards()[r];
                b.deviceStaging[rows + n + r] = batch.terminated()[r] ? 0f : 1f;
            }
            return device.update(b.deviceStaging, n, bootstrap);
        }
        HostArrays.write(b.staging, b.stacked);
        float[] y = b.y;
        System.arraycopy(batch.rewards(), 0, y, 0, n);
        if (bootstrap) {
            Nd4j.exec(new Min(target[0].forward(b.next), target[1].forward(b.next), b.min));
            HostArrays.read(b.min, b.hostMin);
            for (int r = 0; r < n; r++) {
                if (!batch.terminated()[r]) {
                    y[r] += (float) (config.gamma() * b.hostMin[r]);
                }
            }
        }
        double loss = 0;
        for (int i = 0; i < 2; i++) {
            HostArrays.read(q[i].forward(b.current), b.pred);
            double l = 0;
            for (int r = 0; r < n; r++) {
                double diff = b.pred[r] - y[r];
                l += diff * diff / n;
                b.dHost[r] = (float) (2 * diff / n);
            }
            if (!Double.isFinite(l)) {
                throw new IllegalStateException("critic " + (i + 1) + " loss is " + l + " at update "
                        + adam[i].stepCount());
            }
            HostArrays.write(b.dHost, b.d1);
            adam[i].step(q[i].parameters(), q[i].backward(b.d1));
            target[i].polyakUpdate(q[i], config.tau());
            loss += l / 2;
        }
        return loss;
    }

    /**
     * {@code min(Q_1, Q_2)(s, a)} per row {@code [batch]}: 2 {@link HostArrays} copies (the rows in, the
     * minimum, taken on the device, out).
     */
    public float[] minQ(float[][] conditions, float[][] actions) {
        CriticRows b = forwardBoth(conditions, actions);
        float[] out = new float[conditions.length];
        System.arraycopy(b.hostMin, 0, out, 0, out.length);
        return out;
    }

    /**
     * {@code ∂(Σ_b weights_b · min(Q_1, Q_2)(s_b, a_b))/∂a}, row-major {@code [batch·actionDim]}: the smaller
     * critic of each row carries its gradient (ties to Q_1). Leaves the critics' parameter gradients
     * overwritten, which {@link #update} recomputes. 4 {@link HostArrays} copies: the rows in, min and
     * {@code Q_1 − Q_2} out (which critic is smaller), the weights in, and the action gradient (the two
     * critics' action columns summed on the device) out.
     */
    public float[] minQActionGradient(float[][] conditions, float[][] actions, float[] weights) {
        forwardBoth(conditions, actions);
        return actionGradientOfLastMinQ(weights);
    }

    /**
     * {@link #minQActionGradient} through the forward of the latest {@link #minQ} (same rows), without
     * repeating it: 2 {@link HostArrays} copies.
     */
    float[] actionGradientOfLastMinQ(float[] weights) {
        CriticRows b = last;
        int n = b.n;
        for (int r = 0; r < n; r++) {
            boolean first = b.hostDiff[r] <= 0f; // Q_1 − Q_2 ≤ 0 exactly when Q_1 ≤ Q_2 (IEEE subtraction)
            b.dHost[r] = first ? weights[r] : 0f;
            b.dHost[n + r] = first ? 0f : weights[r];
        }
        HostArrays.write(b.dHost, b.dBoth);
        INDArray g1 = q[0].backwardWithInputGradient(b.d1);
        INDArray g2 = q[1].backwardWithInputGradient(b.d2);
        Nd4j.exec(new AddOp(g1.get(NDArrayIndex.all(), NDArrayIndex.interval(0, actionDim)),
                g2.get(NDArrayIndex.all(), NDArrayIndex.interval(0, actionDim)), b.dAction));
        float[] da = new float[n * actionDim];
        HostArrays.read(b.dAction, da);
        return da;
    }

    /** Writes rows {@code [a, s]}, runs both Q networks and leaves min and Q_1 − Q_2 in the host arrays. */
    private CriticRows forwardBoth(float[][] conditions, float[][] actions) {
        int n = conditions.length;
        CriticRows b = rows(n);
        fillCriticRows(b.staging, n, conditions, actions);
        HostArrays.write(b.staging, b.stacked);
        INDArray q1 = q[0].forward(b.current);
        INDArray q2 = q[1].forward(b.current);
        Nd4j.exec(new Min(q1, q2, b.min));
        Nd4j.exec(new SubOp(q1, q2, b.diff));
        HostArrays.read(b.minAndDiff, b.hostMinAndDiff);
        System.arraycopy(b.hostMinAndDiff, 0, b.hostMin, 0, n);
        System.arraycopy(b.hostMinAndDiff, n, b.hostDiff, 0, n);
        last = b;
        return b;
    }

    /** CriticRows {@code [a, s]} into rows {@code [offset, offset + n)} of {@code staging}. */
    private void fillCriticRows(float[] staging, int offset, float[][] conditions, float[][] actions) {
        int n = conditions.length;
        if (actions.length != n) {
            throw new IllegalArgumentException(n + " conditions but " + actions.length + " actions");
        }
        for (int r = 0; r < n; r++) {
            if (actions[r].length != actionDim || conditions[r].length != conditionDim) {
                throw new IllegalArgumentException("row " + r + " has an action of " + actions[r].length
                        + " and a condition of " + conditions[r].length + " entries, expected " + actionDim + " and "
                        + conditionDim);
            }
            fillRow(staging, offset + r, conditions[r], actions[r]);
        }
    }

    /** Row {@code [a, s]}, or zeros when both are null. */
    private void fillRow(float[] staging, int row, float[] condition, float[] action) {
        int width = actionDim + conditionDim;
        if (action == null) {
            Arrays.fill(staging, row * width, (row + 1) * width, 0f);
            return;
        }
        System.arraycopy(action, 0, staging, row * width, actionDim);
        System.arraycopy(condition, 0, staging, row * width + actionDim, conditionDim);
    }

    private CriticRows rows(int n) {
        return rows.computeIfAbsent(n, k -> new CriticRows(k, actionDim + conditionDim, actionDim));
    }

    /** The two online Q networks (live parameters). */
    public Mlp q(int index) {
        return q[Require.inRange("index", index, 0, 1)];
    }

    /** The two target Q networks (live parameters). */
    public Mlp target(int index) {
        return target[Require.inRange("index", index, 0, 1)];
    }

    /** Adam steps taken by each Q network. */
    public long updates() {
        return adam[0].stepCount();
    }

    /** A copy of both Q networks, both targets and both optimizers. */
    public DoubleCriticState state() {
        return new DoubleCriticState(List.of(q[0].state(), q[1].state()), List.of(target[0].state(), target[1].state()),
                List.of(adam[0].state(), adam[1].state()));
    }

    /**
     * Restores a state taken by {@link #state()} from a critic of the same architecture, so that it continues
     * bit-identically.
     *
     * @throws IllegalArgumentException if the architecture differs
     */
    public void restore(DoubleCriticState state) {
        for (int i = 0; i < 2; i++) {
            q[i].restore(state.q().get(i));
            target[i].restore(state.target().get(i));
            adam[i].restore(state.optimizer().get(i));
        }
    }
}
