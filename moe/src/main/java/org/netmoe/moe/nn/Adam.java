package org.netmoe.moe.nn;

import org.netmoe.core.Require;
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
 * With {@link AdamConfig#maxGradNorm()} set, {@code g} is first scaled to at most that global L2
 * norm. A step allocates nothing.
 *
 * <p><b>Two paths, one update</b>, chosen by {@link KernelPath} like {@link Mlp}'s. On
 * {@link KernelPath#HOST} the whole step — norm, clipping, both moments, the parameter update — is one
 * Java loop over host copies: the gradient and parameters are bulk-copied into cached {@code float[]}s,
 * {@code m} and {@code v} live as {@code float[]}, and parameters and step are copied back once. For
 * the ~6k-parameter networks of RL this costs a few µs, against ~65 µs for ND4J's {@code adam_updater}
 * plus the subtraction and clipping ops. On {@link KernelPath#ND4J} one fused {@code adam_updater}
 * kernel updates {@code m}, {@code v} and turns the gradient into the step, then one in-place
 * subtraction applies it; the norm for clipping is an ND4J reduction, so the step copies no array to
 * the host (only the norm, a scalar). The host loop repeats adam_updater's float arithmetic op for op,
 * so both agree to float rounding (bit for bit where {@code pow} rounds alike; the norms differ by the
 * float reduction's rounding); each is deterministic; {@link #state()} and {@link #restore} are the
 * same on both.
 */
public final class Adam {
    private AdamConfig config;
    private final int numParams;
    private final Moments moments;
    private long step;

    /** An optimizer for {@code numParams} parameters with zero moments at step 0, on the configured path. */
    public Adam(AdamConfig config, long numParams) {
        this(config, numParams, KernelPath.configured());
    }

    /** {@code path} picks the kernels; package-private so tests can compare both on one backend. */
    Adam(AdamConfig config, long numParams, KernelPath path) {
        this.config = Require.nonNull("config", config);
        Require.positive("numParams", numParams);
        this.numParams = Math.toIntExact(numParams);
        this.moments = path == KernelPath.HOST ? new HostMoments() : new Nd4jMoments();
    }

    /**
     * One Adam step: updates {@code parameters} in place. {@code gradient} (same length) is consumed:
     * it holds the applied step afterwards.
     *
     * @return the L2 norm of the gradient before clipping when clipping is configured, else NaN
     */
    public double step(INDArray parameters, INDArray gradient) {
        if (parameters.length() != numParams || gradient.length() != numParams) {
            throw new IllegalArgumentException("expected " + numParams + " parameters and gradients, got "
                    + parameters.length() + " and " + gradient.length());
        }
        double norm = moments.step(parameters, gradient);
        step++;
        return norm;
    }

    /**
     * α_t = α·√(1 − β₂^t) / (1 − β₁^t) for {@code t = step + 1}, evaluated with the float/double
     * mix of libnd4j's {@code adam_updater} (float β^t, double {@code 1 − β^t}) so that both paths
     * give the same bits wherever {@code pow} rounds alike.
     */
    private float alphaT() {
        float t = step + 1;
        float lr = (float) config.learningRate();
        // StrictMath: the same bits whether interpreted or JIT-compiled.
        float beta1T = (float) StrictMath.pow((float) config.beta1(), t);
        float beta2T = (float) StrictMath.pow((float) config.beta2(), t);
        float a = (float) ((double) (lr * (float) StrictMath.sqrt((float) (1.0 - beta2T))) / (1.0 - beta1T));
        return Float.isFinite(a) && a != 0f ? a : epsilon();
    }

    /** ε̂ as float; adam_updater replaces 0 by 1e-7. */
    private float epsilon() {
        float eps = (float) config.epsilon();
        return eps == 0f ? 1e-7f : eps;
    }

    /** Steps taken so far ({@code t}). */
    public long stepCount() {
        return step;
    }

    public AdamConfig config() {
        return config;
    }

    /**
     * Steps from now on use {@code next} (e.g. an annealed learning rate); the moments and the step count are
     * kept, and nothing is copied or allocated.
     */
    public void reconfigure(AdamConfig next) {
        this.config = Require.nonNull("config", next);
    }

    /** A copy of {@code t}, {@code m} and {@code v}. */
    public AdamState state() {
        float[] m = new float[numParams];
        float[] v = new float[numParams];
        moments.copyTo(m, v);
        return new AdamState(step, m, v);
    }

    /**
     * Restores a state taken by {@link #state()}, on either path.
     *
     * @throws IllegalArgumentException if it holds a different number of parameters
     */
    public void restore(AdamState state) {
        if (state.m().length != numParams) {
            throw new IllegalArgumentException("Adam state for " + state.m().length + " parameters, expected "
                    + numParams);
        }
        moments.copyFrom(state.m(), state.v());
        step = state.step();
    }

    /** The moments {@code m}, {@code v} and the step's arithmetic on one {@link KernelPath}. */
    private interface Moments {
        /** The update at {@code t = step + 1} (the caller advances the step); returns the pre-clip norm or NaN. */
        double step(INDArray parameters, INDArray gradient);

        void copyTo(float[] m, float[] v);

        void copyFrom(float[] m, float[] v);
    }

    /** {@link KernelPath#HOST}: moments as {@code float[]}, the step as one Java loop. */
    private final class HostMoments implements Moments {
        private final float[] m = new float[numParams];
        private final float[] v = new float[numParams];
        private final float[] p = new float[numParams];
        private final float[] g = new float[numParams];

        @Override
        public double step(INDArray parameters, INDArray gradient) {
            read(gradient, g);
            read(parameters, p);
            int n = numParams;
            double norm = Double.NaN;
            if (config.maxGradNorm().isPresent()) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (double) g[i] * g[i];
                }
                norm = Math.sqrt(sum);
                double max = config.maxGradNorm().getAsDouble();
                if (norm > max) {
                    float scale = (float) (max / (norm + 1e-6));
                    for (int i = 0; i < n; i++) {
                        g[i] *= scale;
                    }
                }
            }
            // Op for op the float arithmetic of adam_updater.
            float b1 = (float) config.beta1();
            float b2 = (float) config.beta2();
            float c1 = 1f - b1;
            float c2 = 1f - b2;
            float eps = epsilon();
            float alpha = alphaT();
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + gi * c1;
                float vi = b2 * v[i] + gi * gi * c2;
                m[i] = mi;
                v[i] = vi;
                float u = mi * alpha / ((float) Math.sqrt(vi) + eps);
                g[i] = u;
                p[i] -= u;
            }
            write(p, parameters);
            write(g, gradient);
            return norm;
        }

        @Override
        public void copyTo(float[] mOut, float[] vOut) {
            System.arraycopy(m, 0, mOut, 0, numParams);
            System.arraycopy(v, 0, vOut, 0, numParams);
        }

        @Override
        public void copyFrom(float[] mIn, float[] vIn) {
            System.arraycopy(mIn, 0, m, 0, numParams);
            System.arraycopy(vIn, 0, v, 0, numParams);
        }

        private static void read(INDArray src, float[] dst) {
            if (HostArrays.isContiguousFloat(src)) {
                HostArrays.read(src, dst);
            } else {
                HostArrays.read(src.castTo(DataType.FLOAT).dup('c'), dst);
            }
        }

        private static void write(float[] src, INDArray dst) {
            if (HostArrays.isContiguousFloat(dst)) {
                HostArrays.write(src, dst);
            } else {
                dst.assign(Nd4j.createFromArray(src).reshape(dst.shape()));
            }
        }
    }

    /** {@link KernelPath#ND4J}: moments as INDArrays, the step as ND4J ops. */
    private final class Nd4jMoments implements Moments {
        private final INDArray m = Nd4j.create(DataType.FLOAT, numParams);
        private final INDArray v = Nd4j.create(DataType.FLOAT, numParams);

        @Override
        public double step(INDArray parameters, INDArray gradient) {
            double norm = Double.NaN;
            if (config.maxGradNorm().isPresent()) {
                norm = gradient.norm2Number().doubleValue();
                double max = config.maxGradNorm().getAsDouble();
                if (norm > max) {
                    gradient.muli(max / (norm + 1e-6));
                }
            }
            // adam_updater counts iterations from 0: it uses β^(iteration + 1) = β^t.
            Nd4j.exec(new AdamUpdater(gradient, v, m, config.learningRate(), config.beta1(), config.beta2(),
                    config.epsilon(), Math.toIntExact(step)));
            parameters.subi(gradient);
            return norm;
        }

        @Override
        public void copyTo(float[] mOut, float[] vOut) {
            HostArrays.read(m, mOut);
            HostArrays.read(v, vOut);
        }

        @Override
        public void copyFrom(float[] mIn, float[] vIn) {
            HostArrays.write(mIn, m);
            HostArrays.write(vIn, v);
        }
    }
}
