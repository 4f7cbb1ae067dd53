package org.netmoe.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class ActionDistributionTest {
    private static final double H = 1e-3;

    /** Central finite difference of {@code f} in {@code x[i]} (float storage, double evaluation). */
    private static double fd(float[] x, int i, ToDoubleFunction<float[]> f) {
        float saved = x[i];
        x[i] = (float) (saved + H);
        double plus = f.applyAsDouble(x);
        double hPlus = x[i] - saved;
        x[i] = (float) (saved - H);
        double minus = f.applyAsDouble(x);
        double hMinus = saved - x[i];
        x[i] = saved;
        return (plus - minus) / (hPlus + hMinus);
    }

    @Test
    void categoricalLogProbAndEntropyMatchSoftmax() {
        Categorical pi = new Categorical(4);
        float[] logits = {9, 9, 0.3f, -1.2f, 2.0f, 0.7f}; // row at offset 2
        double[] p = new double[4];
        double z = 0;
        for (int j = 0; j < 4; j++) {
            p[j] = Math.exp(logits[2 + j]);
            z += p[j];
        }
        double h = 0;
        for (int j = 0; j < 4; j++) {
            p[j] /= z;
            h -= p[j] * Math.log(p[j]);
            assertEquals(Math.log(p[j]), pi.logProb(logits, 2, new float[] {j}, 0), 1e-6);
        }
        assertEquals(h, pi.entropy(logits, 2), 1e-6);
    }

    @Test
    void categoricalGradientsMatchFiniteDifferences() {
        Categorical pi = new Categorical(5);
        RngStream rng = RngStream.of(4);
        for (int trial = 0; trial < 10; trial++) {
            float[] logits = new float[5];
            for (int j = 0; j < 5; j++) {
                logits[j] = (float) (3 * rng.nextDouble() - 1.5);
            }
            float[] action = {rng.nextInt(5)};
            double a = 2 * rng.nextDouble() - 1;
            double b = 2 * rng.nextDouble() - 1;
            float[] grad = new float[5];
            pi.backward(logits, 0, action, 0, a, b, grad, new float[0]);
            for (int j = 0; j < 5; j++) {
                double expected = fd(logits, j, x -> a * pi.logProb(x, 0, action, 0) + b * pi.entropy(x, 0));
                assertEquals(expected, grad[j], 2e-4, "∂/∂logit " + j);
            }
        }
    }

    @Test
    void categoricalSamplesFollowTheProbabilities() {
        Categorical pi = new Categorical(3);
        float[] logits = {0, (float) Math.log(2), (float) Math.log(7)}; // p = 0.1, 0.2, 0.7
        RngStream rng = RngStream.of(9);
        int[] counts = new int[3];
        float[] a = new float[1];
        for (int i = 0; i < 20_000; i++) {
            double lp = pi.sample(logits, 0, rng, a, 0);
            assertEquals(pi.logProb(logits, 0, a, 0), lp, 1e-9);
            counts[(int) a[0]]++;
        }
        assertEquals(0.1, counts[0] / 20_000.0, 0.01);
        assertEquals(0.7, counts[2] / 20_000.0, 0.01);
    }

    @Test
    void gaussianLogProbAndEntropyMatchClosedForm() {
        float[] logStd = {-0.5f, 0.3f};
        DiagGaussian pi = new DiagGaussian(logStd);
        float[] mean = {0.2f, -1f};
        float[] action = {0.9f, 0.4f};
        double expected = 0;
        double h = 0;
        for (int d = 0; d < 2; d++) {
            double s = Math.exp(logStd[d]);
            expected += -Math.pow(action[d] - mean[d], 2) / (2 * s * s) - Math.log(s * Math.sqrt(2 * Math.PI));
            h += 0.5 * Math.log(2 * Math.PI * Math.E * s * s);
        }
        assertEquals(expected, pi.logProb(mean, 0, action, 0), 1e-6);
        assertEquals(h, pi.entropy(mean, 0), 1e-6);
    }

    @Test
    void gaussianGradientsForMeanAndLogStdMatchFiniteDifferences() {
        RngStream rng = RngStream.of(5);
        for (int trial = 0; trial < 10; trial++) {
            float[] logStd = {(float) (rng.nextDouble() - 0.5), (float) (rng.nextDouble() - 0.5), 0.1f};
            DiagGaussian pi = new DiagGaussian(logStd);
            float[] mean = {(float) rng.nextDouble(), (float) -rng.nextDouble(), 0.5f};
            float[] action = new float[3];
            pi.sample(mean, 0, rng, action, 0);
            double a = 2 * rng.nextDouble() - 1;
            double b = 2 * rng.nextDouble() - 1;
            float[] dMean = new float[3];
            float[] dLogStd = new float[3];
            pi.backward(mean, 0, action, 0, a, b, dMean, dLogStd);
            ToDoubleFunction<float[]> loss = x -> a * pi.logProb(mean, 0, action, 0) + b * pi.entropy(mean, 0);
            for (int d = 0; d < 3; d++) {
                assertEquals(fd(mean, d, loss), dMean[d], 2e-3, "∂/∂μ " + d);
                assertEquals(fd(logStd, d, loss), dLogStd[d], 2e-3, "∂/∂logσ " + d);
            }
        }
    }

    @Test
    void gaussianSamplesHaveTheMeanAndStd() {
        float[] logStd = {(float) Math.log(0.5)};
        DiagGaussian pi = new DiagGaussian(logStd);
        float[] mean = {1.5f};
        RngStream rng = RngStream.of(6);
        float[] a = new float[1];
        double sum = 0;
        double sq = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            pi.sample(mean, 0, rng, a, 0);
            sum += a[0];
            sq += a[0] * a[0];
        }
        double m = sum / n;
        assertEquals(1.5, m, 0.02);
        assertEquals(0.5, Math.sqrt(sq / n - m * m), 0.02);
    }
}
