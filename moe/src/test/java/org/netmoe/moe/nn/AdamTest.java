package org.netmoe.moe.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5})
    void matchesPlainJavaReference(double maxGradNorm) {
        int n = 10;
        AdamConfig config = new AdamConfig(0.01, 0.9, 0.99, 1e-6,
                maxGradNorm > 0 ? OptionalDouble.of(maxGradNorm) : OptionalDouble.empty());
        Adam adam = new Adam(config, n);
        RngStream rng = RngStream.of(9);
        double[] theta = new double[n];
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) rng.nextDouble();
            theta[i] = p[i];
        }
        INDArray params = Nd4j.createFromArray(p);
        double[] m = new double[n];
        double[] v = new double[n];
        for (int t = 1; t <= 5; t++) {
            float[] g = new float[n];
            double sq = 0;
            for (int i = 0; i < n; i++) {
                g[i] = (float) (rng.nextDouble() - 0.3);
                sq += g[i] * g[i];
            }
            adam.step(params, Nd4j.createFromArray(g));
            double scale = maxGradNorm > 0 && Math.sqrt(sq) > maxGradNorm ? maxGradNorm / (Math.sqrt(sq) + 1e-6) : 1;
            double alphaT = 0.01 * Math.sqrt(1 - Math.pow(0.99, t)) / (1 - Math.pow(0.9, t));
            for (int i = 0; i < n; i++) {
                double gi = g[i] * scale;
                m[i] = 0.9 * m[i] + 0.1 * gi;
                v[i] = 0.99 * v[i] + 0.01 * gi * gi;
                theta[i] -= alphaT * m[i] / (Math.sqrt(v[i]) + 1e-6);
            }
            float[] got = params.data().asFloat();
            for (int i = 0; i < n; i++) {
                assertEquals(theta[i], got[i], 1e-5, "step " + t + " parameter " + i);
            }
        }
        assertEquals(5, adam.stepCount());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5})
    void hostPathMatchesNd4jAdamUpdaterPath(double maxGradNorm) {
        int n = 300;
        AdamConfig config = new AdamConfig(0.01, 0.9, 0.999, 1e-7,
                maxGradNorm > 0 ? OptionalDouble.of(maxGradNorm) : OptionalDouble.empty());
        Adam hostAdam = new Adam(config, n, KernelPath.HOST);
        Adam nd4jAdam = new Adam(config, n, KernelPath.ND4J);
        RngStream rng = RngStream.of(21);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) (2 * rng.nextDouble() - 1);
        }
        INDArray pHost = Nd4j.createFromArray(p);
        INDArray pNd4j = Nd4j.createFromArray(p);
        for (int t = 1; t <= 8; t++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (0.2 * (rng.nextDouble() - 0.4));
            }
            INDArray gHost = Nd4j.createFromArray(g);
            INDArray gNd4j = Nd4j.createFromArray(g);
            double normHost = hostAdam.step(pHost, gHost);
            double normNd4j = nd4jAdam.step(pNd4j, gNd4j);
            if (maxGradNorm > 0) {
                // The host sums squares in double; ND4J reduces in float: n terms, each rounding ≤ 2^-24.
                assertEquals(normHost, normNd4j, n * 0x1p-24 * normHost);
                assertTrue(normHost > maxGradNorm, "the test must exercise clipping");
            } else {
                assertTrue(Double.isNaN(normHost) && Double.isNaN(normNd4j));
            }
            assertArrayEquals(pNd4j.data().asFloat(), pHost.data().asFloat(), 1e-6f, "parameters at step " + t);
            // Both leave the applied step in the gradient.
            assertArrayEquals(gNd4j.data().asFloat(), gHost.data().asFloat(), 1e-6f, "step at " + t);
        }
        AdamState a = hostAdam.state();
        AdamState b = nd4jAdam.state();
        assertEquals(b.step(), a.step());
        assertArrayEquals(b.m(), a.m(), 1e-6f);
        assertArrayEquals(b.v(), a.v(), 1e-7f);
        // A state moves between the paths.
        Adam restored = new Adam(config, n, KernelPath.ND4J);
        restored.restore(a);
        assertEquals(a, restored.state());
    }

    /** On the ND4J path a step, clipping included, copies no array between host and device. */
    @Test
    void nd4jPathStepMakesNoHostCopies() {
        Adam adam = new Adam(AdamConfig.of(0.01).withMaxGradNorm(0.1), 4, KernelPath.ND4J);
        INDArray p = Nd4j.createFromArray(new float[] {1, 2, 3, 4});
        long before = HostArrays.copies();
        double norm = adam.step(p, Nd4j.createFromArray(new float[] {1, -1, 1, -1}));
        assertEquals(0, HostArrays.copies() - before);
        assertEquals(2.0, norm, 1e-6);
    }

    @Test
    void stateRestoresExactly() {
        int n = 6;
        Adam a = new Adam(AdamConfig.of(0.1), n);
        INDArray pa = Nd4j.createFromArray(new float[n]);
        a.step(pa, Nd4j.createFromArray(new float[] {1, -2, 3, -4, 5, -6}));
        AdamState saved = a.state();
        INDArray pb = pa.dup();
        Adam b = new Adam(AdamConfig.of(0.1), n);
        b.restore(saved);
        float[] g = {0.5f, 0.5f, -1, 2, 0, 1};
        a.step(pa, Nd4j.createFromArray(g));
        b.step(pb, Nd4j.createFromArray(g));
        assertArrayEquals(pa.data().asFloat(), pb.data().asFloat(), 0f);
        assertEquals(a.state(), b.state());
        assertThrows(IllegalArgumentException.class, () -> new Adam(AdamConfig.of(0.1), 7).restore(saved));
    }

    @Test
    void configNamesTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdamConfig(0.1, 1.0, 0.999, 1e-8, OptionalDouble.empty()));
        assertTrue(e.getMessage().startsWith("beta1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AdamConfig.of(-1));
        assertTrue(e.getMessage().startsWith("learningRate"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOST", "ND4J"})
    void reconfiguredOptimizerStepsLikeOneRestoredUnderTheNewConfig(String pathName) {
        KernelPath path = KernelPath.valueOf(pathName);
        int n = 6;
        AdamConfig first = AdamConfig.of(0.01);
        AdamConfig annealed = AdamConfig.of(0.004);
        Adam reconfigured = new Adam(first, n, path);
        INDArray p1 = Nd4j.createFromArray(new float[] {1, -2, 3, 0.5f, -0.25f, 4});
        INDArray p2 = p1.dup();
        RngStream rng = RngStream.of(3);
        float[][] grads = new float[4][n];
        for (float[] g : grads) {
            for (int i = 0; i < n; i++) {
                g[i] = (float) (rng.nextDouble() - 0.5);
            }
        }
        reconfigured.step(p1, Nd4j.createFromArray(grads[0]));
        reconfigured.step(p1, Nd4j.createFromArray(grads[1]));
        Adam restored = new Adam(annealed, n, path);
        restored.restore(reconfigured.state());
        p2.assign(p1);
        long copies = HostArrays.copies();
        reconfigured.reconfigure(annealed);
        assertEquals(copies, HostArrays.copies(), "reconfigure copies nothing");
        for (int t = 2; t < 4; t++) {
            reconfigured.step(p1, Nd4j.createFromArray(grads[t]));
            restored.step(p2, Nd4j.createFromArray(grads[t]));
        }
        assertArrayEquals(p2.toFloatVector(), p1.toFloatVector());
        assertEquals(annealed, reconfigured.config());
        assertEquals(restored.state(), reconfigured.state());
    }
}
