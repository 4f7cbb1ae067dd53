package org.netmoe.moe.layer;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.AdamConfig;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Learning sanity check: linear experts with a gate fit a piecewise-linear function a line cannot. */
class MoeRegressionTest {
    private static final int BATCH = 64;
    private static final int STEPS = 400;

    /** y = x for x < 0, y = −2x + 1 for x ≥ 0. */
    private static float target(float x) {
        return x < 0 ? x : -2 * x + 1;
    }

    /** Trains on fresh uniform [-1, 1] batches with MSE; returns the MSE on a grid of 201 points. */
    private static double trainAndEvaluate(Network net, RngStream data) {
        Adam adam = new Adam(AdamConfig.of(0.02), net.numParams());
        float[] x = new float[BATCH];
        float[] y = new float[BATCH];
        float[] dY = new float[BATCH];
        INDArray xArray = Nd4j.create(DataType.FLOAT, BATCH, 1);
        INDArray dYArray = Nd4j.create(DataType.FLOAT, BATCH, 1);
        for (int step = 0; step < STEPS; step++) {
            for (int i = 0; i < BATCH; i++) {
                x[i] = (float) (2 * data.nextDouble() - 1);
            }
            HostArrays.write(x, xArray);
            HostArrays.read(net.forward(xArray), y);
            for (int i = 0; i < BATCH; i++) {
                dY[i] = 2 * (y[i] - target(x[i])) / BATCH; // ∂ mean (y − t)² / ∂y
            }
            HostArrays.write(dY, dYArray);
            adam.step(net.parameters(), net.backward(dYArray));
        }
        return gridMse(net);
    }

    private static double gridMse(Network net) {
        float[] grid = new float[201];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -1f + i / 100f;
        }
        float[] out = new float[grid.length];
        HostArrays.read(net.forward(Nd4j.createFromArray(grid).reshape(grid.length, 1)), out);
        double mse = 0;
        for (int i = 0; i < grid.length; i++) {
            mse += Math.pow(out[i] - target(grid[i]), 2) / grid.length;
        }
        return mse;
    }

    private static int topExpert(MoeLayer layer, float x) {
        layer.forward(Nd4j.createFromArray(new float[] {x}).reshape(1, 1));
        double[] g = layer.gateWeights(1);
        int best = 0;
        for (int k = 1; k < g.length; k++) {
            best = g[k] > g[best] ? k : best;
        }
        return best;
    }

    @Test
    void linearExpertsWithTopTwoGateFitPiecewiseFunctionBetterThanOneLine() {
        MoeConfig cfg = new MoeConfig(4, 2, "topk", List.of(), List.of(), "tanh", 0.01, 0.001, 0.0);
        MoeLayer moe = MoeLayer.create(1, 1, cfg, RngStream.of(1).split("init"));
        Mlp line = Mlp.create(new int[] {1, 1}, Mlp.Activation.TANH, RngStream.of(1).split("init"));

        double moeMse = trainAndEvaluate(moe, RngStream.of(2));
        ExpertUsage usage = moe.expertUsage(); // of the 201-point evaluation grid
        double lineMse = trainAndEvaluate(line, RngStream.of(2));

        assertTrue(moeMse < 0.25 * lineMse, "MoE MSE " + moeMse + " vs linear " + lineMse);
        assertTrue(usage.expertsUsed(0.1) >= 2, "routing does not split the input: "
                + Arrays.toString(usage.routedFraction()));
        assertNotEquals(topExpert(moe, -0.6f), topExpert(moe, 0.6f), "both halves go to the same expert");
    }
}
