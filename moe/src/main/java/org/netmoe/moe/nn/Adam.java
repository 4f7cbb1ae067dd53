package org.netmoe.moe.nn;

import org.netmoe.envs.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba 2015) over one flat parameter vector, in place, with the paper's efficient
 * form of the bias correction (end of its Sec. 2):
 * <pre>
 *   m_t = β₁ m_{t−1} + (1 − β₁) g_t          v_t = β₂ v_{t−1} + (1 − β₂) g_t²
 *   α_t = α · √(1 − β₂^t) / (1 − β₁^t)       θ_t = θ_{t−1} − α_t · m_t / (√v_t + ε̂)
 * </pre>
 * One fused ND4J {@code adam_updater} kernel updates {@code m}, {@code v} and turns the gradient
 * into the step, then one in-place subtraction applies it, so a step allocates nothing. With
 * {@link AdamConfig#maxGradNorm()} set, {@code g} is first scaled to at most that global L2 norm.
 */
public final class Adam {
    private final AdamConfig config;
    private final INDArray m;
    private final INDArray v;
    private final float[] hostGradient;
    private long step;

    /** An optimizer for {@code numParams} parameters with zero moments at step 0. */
    public Adam(AdamConfig config, long numParams) {
        this.config = Require.nonNull("config", config);
        Require.positive("numParams", numParams);
        this.m = Nd4j.create(DataType.FLOAT, numParams);
        this.v = Nd4j.create(DataType.FLOAT, numParams);
        this.hostGradient = config.maxGradNorm().isPresent() ? new float[Math.toIntExact(numParams)] : null;
    }

    /**
     * One Adam step: updates {@code parameters} in place. {@code gradient} (same length) is consumed:
     * it holds the applied step afterwards.
     *
     * @return the L2 norm of the gradient before clipping when clipping is configured, else NaN
     */
    public double step(INDArray parameters, INDArray gradient) {
        if (parameters.length() != m.length() || gradient.length() != m.length()) {
            throw new IllegalArgumentException("expected " + m.length() + " parameters and gradients, got "
                    + parameters.length() + " and " + gradient.length());
        }
        double norm = Double.NaN;
        if (config.maxGradNorm().isPresent()) {
            norm = l2Norm(gradient);
            double max = config.maxGradNorm().getAsDouble();
            if (norm > max) {
                gradient.muli(max / (norm + 1e-6));
            }
        }
        // adam_updater counts iterations from 0: it uses β^(iteration + 1) = β^t.
        Nd4j.exec(new AdamUpdater(gradient, v, m, config.learningRate(), config.beta1(), config.beta2(),
                config.epsilon(), Math.toIntExact(step)));
        parameters.subi(gradient);
        step++;
        return norm;
    }

    /**
     * The global L2 norm, summed in double on the host: one bulk copy plus a Java loop costs ~6 µs
     * for 6k parameters, against ~50 µs for {@code norm2Number()} (an op and a result allocation), and
     * the host needs the value anyway to decide whether to scale.
     */
    private double l2Norm(INDArray gradient) {
        HostArrays.read(gradient, hostGradient);
        double sum = 0;
        for (float g : hostGradient) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /** Steps taken so far ({@code t}). */
    public long stepCount() {
        return step;
    }

    public AdamConfig config() {
        return config;
    }

    /** A copy of {@code t}, {@code m} and {@code v}. */
    public AdamState state() {
        float[] mHost = new float[Math.toIntExact(m.length())];
        float[] vHost = new float[mHost.length];
        HostArrays.read(m, mHost);
        HostArrays.read(v, vHost);
        return new AdamState(step, mHost, vHost);
    }

    /**
     * Restores a state taken by {@link #state()}.
     *
     * @throws IllegalArgumentException if it holds a different number of parameters
     */
    public void restore(AdamState state) {
        if (state.m().length != m.length()) {
            throw new IllegalArgumentException("Adam state for " + state.m().length + " parameters, expected "
                    + m.length());
        }
        HostArrays.write(state.m(), m);
        HostArrays.write(state.v(), v);
        step = state.step();
    }
}
