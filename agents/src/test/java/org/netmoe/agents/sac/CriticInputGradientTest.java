package org.netmoe.agents.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CriticInputGradientTest {
    @Test
    void forwardMatchesTheMlpAndInputGradientMatchesFiniteDifferences() {
        Mlp critic = Mlp.create(new int[] {5, 16, 16, 1}, Mlp.Activation.RELU, RngStream.of(3));
        CriticInputGradient ig = new CriticInputGradient(critic);
        RngStream rng = RngStream.of(4);
        int n = 3;
        double[] x = new double[n * 5];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextDouble() * 2 - 1;
        }
        float[] expectedQ = host(critic.forward(input(x, n)), n);
        float[] q = host(ig.forward(input(x, n)), n);
        assertArrayEquals(expectedQ, q, 0f);
        float[] weights = {1f, -2f, 0.5f};
        float[] dX = host(ig.inputGradient(Nd4j.createFromArray(weights).reshape(n, 1)), n * 5);
        double h = 1e-3;
        for (int k = 0; k < x.length; k++) {
            double saved = x[k];
            x[k] = saved + h;
            double plus = weighted(critic, x, n, weights);
            x[k] = saved - h;
            double minus = weighted(critic, x, n, weights);
            x[k] = saved;
            assertEquals((plus - minus) / (2 * h), dX[k], 2e-3, "∂Q/∂x[" + k + "]");
        }
    }

    private static double weighted(Mlp critic, double[] x, int n, float[] w) {
        float[] q = host(critic.forward(input(x, n)), n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[i] * q[i];
        }
        return s;
    }

    private static INDArray input(double[] x, int n) {
        float[] f = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            f[k] = (float) x[k];
        }
        return Nd4j.createFromArray(f).reshape(n, x.length / n);
    }

    private static float[] host(INDArray a, int len) {
        float[] out = new float[len];
        HostArrays.read(a.dup('c'), out);
        return out;
    }
}
