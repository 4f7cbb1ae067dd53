package org.netmoe.agents.ppo;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A diagonal Gaussian N(μ, diag(σ²)) with the mean from the actor and a state-independent
 * log-std vector (CleanRL's {@code actor_logstd}), read from a host array kept in sync by
 * {@link ActorCritic}. Log-probabilities are of the unclipped action; clipping to the action box
 * happens only when the action is sent to the env.
 */
final class DiagGaussian implements ActionDistribution {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final int dim;
    private final float[] logStd;

    DiagGaussian(float[] logStd) {
        this.dim = logStd.length;
        this.logStd = logStd;
    }

    @Override
    public int paramDim() {
        return dim;
    }

    @Override
    public int actionDim() {
        return dim;
    }

    @Override
    public double sample(float[] mean, int p, UniformRandomProvider rng, float[] actions, int a) {
        for (int d = 0; d < dim; d++) {
            actions[a + d] = (float) (mean[p + d] + Math.exp(logStd[d]) * standardNormal(rng));
        }
        return logProb(mean, p, actions, a);
    }

    /**
     * Box–Muller from two fresh uniforms, discarding the second normal: no cached value, so the
     * RNG state alone determines the next draw (exact resume). StrictMath keeps it bit-reproducible.
     */
    static double standardNormal(UniformRandomProvider rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    @Override
    public void mode(float[] mean, int p, float[] actions, int a) {
        System.arraycopy(mean, p, actions, a, dim);
    }

    @Override
    public double logProb(float[] mean, int p, float[] actions, int a) {
        double lp = 0;
        for (int d = 0; d < dim; d++) {
            double z = (actions[a + d] - (double) mean[p + d]) * Math.exp(-logStd[d]);
            lp += -0.5 * z * z - logStd[d] - HALF_LOG_2PI;
        }
        return lp;
    }

    @Override
    public double entropy(float[] mean, int p) {
        double h = 0;
        for (int d = 0; d < dim; d++) {
            h += 0.5 + HALF_LOG_2PI + logStd[d];
        }
        return h;
    }

    @Override
    public void backward(float[] mean, int p, float[] actions, int a, double dLogProb, double dEntropy,
                         float[] dMean, float[] dLogStd) {
        for (int d = 0; d < dim; d++) {
            double invStd = Math.exp(-logStd[d]);
            double z = (actions[a + d] - (double) mean[p + d]) * invStd;
            // ∂logπ/∂μ = z/σ;  ∂logπ/∂logσ = z² − 1;  ∂H/∂logσ = 1.
            dMean[p + d] += (float) (dLogProb * z * invStd);
            dLogStd[d] += (float) (dLogProb * (z * z - 1) + dEntropy);
        }
    }
}
