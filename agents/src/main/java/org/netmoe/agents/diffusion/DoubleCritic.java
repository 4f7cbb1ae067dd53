package org.netmoe.agents.diffusion;

import java.util.List;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.AdamConfig;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The double critic of Diffusion-QL (Wang et al. 2023, Sec. 4; Fujimoto et al. 2018): two ReLU Q networks
 * {@code Q_i([a, s]) : [batch, actionDim + conditionDim] -> [batch, 1]}, each with a Polyak-averaged target
 * copy, regressed on {@code y = r + γ·(1 − done)·min(Q'_1, Q'_2)(s', a')}. The actor side is
 * {@link #minQActionGradient}: {@code min(Q_1, Q_2)} and its gradient in the action, which
 * {@link DiffusionPolicy#actorUpdate} pushes through the reverse chain.
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
    }

    /**
     * One Adam step of each Q network on {@code mean (Q_i(s, a) − y)²}, then the Polyak update of the targets.
     *
     * @return the mean of the two losses before the step
     * @throws IllegalStateException if a loss is not finite
     */
    public double update(CriticBatch batch) {
        int n = batch.size();
        float[] y = batch.rewards().clone();
        boolean bootstrap = false;
        for (boolean done : batch.terminated()) {
            bootstrap |= !done;
        }
        if (bootstrap) {
            // Rows that terminated take a zero stand-in: never bootstrap past a terminal transition.
            float[][] nextCond = new float[n][];
            float[][] nextAct = new float[n][];
            for (int r = 0; r < n; r++) {
                nextCond[r] = batch.terminated()[r] ? new float[conditionDim] : batch.nextConditions()[r];
                nextAct[r] = batch.terminated()[r] ? new float[actionDim] : batch.nextActions()[r];
            }
            INDArray next = input(nextCond, nextAct);
            float[] q1 = host(target[0].forward(next));
            float[] q2 = host(target[1].forward(next));
            for (int r = 0; r < n; r++) {
                if (!batch.terminated()[r]) {
                    y[r] += (float) (config.gamma() * Math.min(q1[r], q2[r]));
                }
            }
        }
        INDArray in = input(batch.conditions(), batch.actions());
        double loss = 0;
        for (int i = 0; i < 2; i++) {
            float[] pred = host(q[i].forward(in));
            float[] dOut = new float[n];
            double l = 0;
            for (int r = 0; r < n; r++) {
                double diff = pred[r] - y[r];
                l += diff * diff / n;
                dOut[r] = (float) (2 * diff / n);
            }
            if (!Double.isFinite(l)) {
                throw new IllegalStateException("critic " + (i + 1) + " loss is " + l + " at update "
                        + adam[i].stepCount());
            }
            adam[i].step(q[i].parameters(), q[i].backward(Nd4j.createFromArray(dOut).reshape(n, 1)));
            target[i].polyakUpdate(q[i], config.tau());
            loss += l / 2;
        }
        return loss;
    }

    /** {@code min(Q_1, Q_2)(s, a)} per row {@code [batch]}. */
    public float[] minQ(float[][] conditions, float[][] actions) {
        INDArray in = input(conditions, actions);
        float[] q1 = host(q[0].forward(in));
        float[] q2 = host(q[1].forward(in));
        for (int r = 0; r < q1.length; r++) {
            q1[r] = Math.min(q1[r], q2[r]);
        }
        return q1;
    }

    /**
     * {@code ∂(Σ_b weights_b · min(Q_1, Q_2)(s_b, a_b))/∂a}, row-major {@code [batch·actionDim]}: the smaller
     * critic of each row carries its gradient (ties to Q_1). Leaves the critics' parameter gradients
     * overwritten, which {@link #update} recomputes.
     */
    public float[] minQActionGradient(float[][] conditions, float[][] actions, float[] weights) {
        int n = conditions.length;
        INDArray in = input(conditions, actions);
        float[] q1 = host(q[0].forward(in));
        float[] q2 = host(q[1].forward(in));
        float[] d1 = new float[n];
        float[] d2 = new float[n];
        for (int r = 0; r < n; r++) {
            boolean first = q1[r] <= q2[r];
            d1[r] = first ? weights[r] : 0f;
            d2[r] = first ? 0f : weights[r];
        }
        float[] g1 = host(q[0].backwardWithInputGradient(Nd4j.createFromArray(d1).reshape(n, 1)));
        float[] g2 = host(q[1].backwardWithInputGradient(Nd4j.createFromArray(d2).reshape(n, 1)));
        int width = actionDim + conditionDim;
        float[] da = new float[n * actionDim];
        for (int r = 0; r < n; r++) {
            for (int d = 0; d < actionDim; d++) {
                da[r * actionDim + d] = g1[r * width + d] + g2[r * width + d];
            }
        }
        return da;
    }

    /** Rows {@code [a, s]} as {@code [batch, actionDim + conditionDim]}. */
    private INDArray input(float[][] conditions, float[][] actions) {
        int n = conditions.length;
        if (actions.length != n) {
            throw new IllegalArgumentException(n + " conditions but " + actions.length + " actions");
        }
        int width = actionDim + conditionDim;
        float[] x = new float[n * width];
        for (int r = 0; r < n; r++) {
            if (actions[r].length != actionDim || conditions[r].length != conditionDim) {
                throw new IllegalArgumentException("row " + r + " has an action of " + actions[r].length
                        + " and a condition of " + conditions[r].length + " entries, expected " + actionDim + " and "
                        + conditionDim);
            }
            System.arraycopy(actions[r], 0, x, r * width, actionDim);
            System.arraycopy(conditions[r], 0, x, r * width + actionDim, conditionDim);
        }
        INDArray a = Nd4j.create(DataType.FLOAT, n, width);
        HostArrays.write(x, a);
        return a;
    }

    private static float[] host(INDArray a) {
        float[] h = new float[Math.toIntExact(a.length())];
        HostArrays.read(a, h);
        return h;
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
