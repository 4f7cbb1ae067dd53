package org.netmoe.moe.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MoeLayerTest {
    private static final int IN = 3;
    private static final int OUT = 2;

    private static float[] host(INDArray a) {
        float[] h = new float[Math.toIntExact(a.length())];
        HostArrays.read(a, h);
        return h;
    }

    private static INDArray matrix(float[] data, int rows, int cols) {
        return Nd4j.createFromArray(data).reshape(rows, cols);
    }

    private static float[] uniform(RngStream rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return x;
    }

    private static MoeConfig config(String gate, int experts, int topK, List<Integer> gateHidden, double noise) {
        return new MoeConfig(experts, topK, gate, List.of(4), gateHidden, "tanh", 0.3, 0.05, noise);
    }

    /**
     * Inputs whose gate logits keep at least {@code margin} between the topK-th and the next expert, so that
     * small parameter perturbations cannot change the selection (the loss is piecewise smooth).
     */
    private static INDArray inputsWithRoutingMargin(MoeLayer layer, int rows, double margin, RngStream rng) {
        int k = layer.config().experts();
        int topK = layer.config().topK();
        int candidates = 256;
        float[] x = uniform(rng, candidates * IN, 1.5);
        layer.forward(matrix(x, candidates, IN));
        double[] h = layer.gateLogits(candidates);
        float[] kept = new float[rows * IN];
        int n = 0;
        for (int r = 0; r < candidates && n < rows; r++) {
            double[] row = Arrays.copyOfRange(h, r * k, r * k + k);
            Arrays.sort(row);
            if (topK == k || row[k - topK] - row[k - topK - 1] >= margin) {
                System.arraycopy(x, r * IN, kept, n * IN, IN);
                n++;
            }
        }
        assertEquals(rows, n, "not enough inputs with a routing margin");
        return matrix(kept, rows, IN);
    }

    /** A seed whose gate noise on {@code x} keeps the routing margin too. */
    private static long noiseSeedWithRoutingMargin(MoeLayer layer, INDArray x, double margin) {
        int k = layer.config().experts();
        int topK = layer.config().topK();
        int rows = Math.toIntExact(x.rows());
        for (long seed = 0; seed < 1000; seed++) {
            layer.forward(x, RngStream.of(seed));
            double[] h = layer.gateLogits(rows);
            boolean ok = true;
            for (int r = 0; r < rows && ok; r++) {
                double[] row = Arrays.copyOfRange(h, r * k, r * k + k);
                Arrays.sort(row);
                ok = row[k - topK] - row[k - topK - 1] >= margin;
            }
            if (ok) {
                return seed;
            }
        }
        throw new AssertionError("no noise seed keeps the routing margin");
    }

    /** Σ c·y + weighted auxiliary loss, in double from the float outputs. */
    private static double loss(MoeLayer layer, INDArray x, float[] c, Long noiseSeed) {
        INDArray y = noiseSeed == null ? layer.forward(x) : layer.forward(x, RngStream.of(noiseSeed));
        float[] yh = host(y);
        double s = 0;
        for (int i = 0; i < yh.length; i++) {
            s += (double) c[i] * yh[i];
        }
        return s + layer.lastAuxLoss().weighted();
    }

    static Stream<Arguments> gradientCases() {
        return Stream.of(
                Arguments.of("softmax", 3, 2, List.of(), 0.0, true),
                Arguments.of("softmax", 3, 1, List.of(4), 0.0, false),
                Arguments.of("topk", 4, 2, List.of(), 0.0, true),
                Arguments.of("topk", 4, 2, List.of(5), 0.0, false),
                Arguments.of("topk", 3, 1, List.of(), 0.0, true),
                Arguments.of("topk", 4, 2, List.of(), 0.5, true),
                Arguments.of("hard", 3, 1, List.of(), 0.0, true),
                Arguments.of("hard", 3, 1, List.of(4), 0.0, false));
    }

    /**
     * Central differences in float32 (Mlp is float-only): eps = 1e-2 on each parameter, the loss summed in
     * double; inputs keep a routing margin so the selection is constant. Checked per parameter with
     * |analytic − numeric| ≤ 2e-3 + 1e-2·|numeric|, and over the whole vector with relative L2 error ≤ 5e-4 (measured 2e-5 to 4e-5).
     */
    @ParameterizedTest(name = "{0} K={1} topK={2} gateHidden={3} noise={4} mainLoss={5}")
    @MethodSource("gradientCases")
    void gradientMatchesCentralDifferences(String gate, int experts, int topK, List<Integer> gateHidden,
                                           double noise, boolean mainLoss) {
        RngStream rng = RngStream.of(11);
        MoeLayer layer = MoeLayer.create(IN, OUT, config(gate, experts, topK, gateHidden, noise), rng.split("init"));
        int batch = 8;
        INDArray x = inputsWithRoutingMargin(layer, batch, 0.1, rng.split("x"));
        float[] c = mainLoss ? uniform(rng.split("c"), batch * OUT, 1.0) : new float[batch * OUT];
        Long noiseSeed = noise > 0 ? noiseSeedWithRoutingMargin(layer, x, 0.1) : null;

        loss(layer, x, c, noiseSeed);
        float[] analytic = host(layer.backward(matrix(c, batch, OUT)));

        float[] p = host(layer.parameters());
        double eps = 1e-2;
        double diff2 = 0;
        double norm2 = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            float orig = p[i];
            p[i] = (float) (orig + eps);
            HostArrays.write(p, layer.parameters());
            double plus = loss(layer, x, c, noiseSeed);
            p[i] = (float) (orig - eps);
            HostArrays.write(p, layer.parameters());
            double minus = loss(layer, x, c, noiseSeed);
            p[i] = orig;
            double numeric = (plus - minus) / (2 * eps);
            double error = Math.abs(analytic[i] - numeric);
            diff2 += error * error;
            norm2 += numeric * numeric;
            if (error > 2e-3 + 1e-2 * Math.abs(numeric)) {
                failures.add("param " + i + ": analytic " + analytic[i] + ", numeric " + numeric);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(norm2 > 0, "gradient is identically zero");
        assertTrue(Math.sqrt(diff2 / norm2) < 5e-4, "relative L2 error " + Math.sqrt(diff2 / norm2));
    }

    /**
     * ∂(Σ c·y + aux)/∂x of backwardWithInputGradient against float32 central differences in the input (eps =
     * 1e-2, inputs with a routing margin of 0.1 so the selection is constant): per entry |analytic − numeric|
     * ≤ 2e-3 + 1e-2·|numeric| and relative L2 error ≤ 5e-4; the parameter gradient equals backward's bit for bit.
     */
    @ParameterizedTest(name = "{0} K={1} topK={2} gateHidden={3} noise={4} mainLoss={5}")
    @MethodSource("gradientCases")
    void inputGradientMatchesCentralDifferences(String gate, int experts, int topK, List<Integer> gateHidden,
                                                double noise, boolean mainLoss) {
        RngStream rng = RngStream.of(13);
        MoeLayer layer = MoeLayer.create(IN, OUT, config(gate, experts, topK, gateHidden, noise), rng.split("init"));
        int batch = 8;
        INDArray x = inputsWithRoutingMargin(layer, batch, 0.1, rng.split("x"));
        float[] c = mainLoss ? uniform(rng.split("c"), batch * OUT, 1.0) : new float[batch * OUT];
        Long noiseSeed = noise > 0 ? noiseSeedWithRoutingMargin(layer, x, 0.1) : null;

        loss(layer, x, c, noiseSeed);
        float[] paramGrad = host(layer.backward(matrix(c, batch, OUT)));
        loss(layer, x, c, noiseSeed);
        float[] analytic = host(layer.backwardWithInputGradient(matrix(c, batch, OUT)));
        assertArrayEquals(paramGrad, host(layer.gradient()));

        float[] xh = host(x);
        double eps = 1e-2;
        List<String> failures = new ArrayList<>();
        double norm2 = 0;
        double diff2 = 0;
        for (int i = 0; i < xh.length; i++) {
            float orig = xh[i];
            xh[i] = (float) (orig + eps);
            double plus = loss(layer, matrix(xh, batch, IN), c, noiseSeed);
            xh[i] = (float) (orig - eps);
            double minus = loss(layer, matrix(xh, batch, IN), c, noiseSeed);
            xh[i] = orig;
            double numeric = (plus - minus) / (2 * eps);
            norm2 += numeric * numeric;
            diff2 += (analytic[i] - numeric) * (analytic[i] - numeric);
            if (Math.abs(analytic[i] - numeric) > 2e-3 + 1e-2 * Math.abs(numeric)) {
                failures.add("input " + i + ": analytic " + analytic[i] + ", numeric " + numeric);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(norm2 > 0, "input gradient is identically zero");
        // The same whole-vector bound as the parameter-gradient test catches small systematic errors.
        assertTrue(Math.sqrt(diff2 / norm2) < 5e-4, "relative L2 error " + Math.sqrt(diff2 / norm2));
    }

    /**
     * Within float rounding: |a − b| ≤ 4·k·ε·max(1, max|a|) for sums of at most {@code k} products, ε float's
     * unit roundoff.
     */
    private static void assertCloseToRounding(float[] expected, float[] actual, int k, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float scale = 1f;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        float tolerance = 4f * k * Math.ulp(1f) * scale;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            assertTrue(d <= tolerance, what + "[" + i + "]: " + expected[i] + " vs " + actual[i] + " differ by " + d
                    + " > " + tolerance);
        }
    }

    /**
     * The host and ND4J kernel paths give the same layer to float rounding: output, auxiliary losses, parameter
     * and input gradients, with noisy top-k routing through a hidden gate layer (inputs and noise keep a routing
     * margin, so rounding cannot change the selection). Sums run over at most 64 terms (batch, widths, K).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 64})
    void hostAndNd4jPathsAgreeToFloatRounding(int batch) {
        MoeConfig cfg = config("topk", 4, 2, List.of(5), 0.5);
        MoeLayer onHost = MoeLayer.create(IN, OUT, cfg, RngStream.of(31), KernelPath.HOST);
        MoeLayer onNd4j = MoeLayer.create(IN, OUT, cfg, RngStream.of(31), KernelPath.ND4J);
        assertArrayEquals(host(onHost.parameters()), host(onNd4j.parameters()));
        INDArray x = inputsWithRoutingMargin(onHost, batch, 0.1, RngStream.of(32));
        // Logits differ between the paths by ~1e-6, far below a margin of 1e-3.
        long noiseSeed = noiseSeedWithRoutingMargin(onHost, x, 1e-3);
        INDArray dY = matrix(uniform(RngStream.of(33), batch * OUT, 1.0), batch, OUT);

        float[] yHost = host(onHost.forward(x, RngStream.of(noiseSeed)));
        float[] yNd4j = host(onNd4j.forward(x, RngStream.of(noiseSeed)));
        assertCloseToRounding(yHost, yNd4j, 64, "output");
        assertEquals(onHost.lastAuxLoss().weighted(), onNd4j.lastAuxLoss().weighted(), 1e-5);
        assertCloseToRounding(host(onHost.backwardWithInputGradient(dY)), host(onNd4j.backwardWithInputGradient(dY)),
                64, "input gradient");
        assertCloseToRounding(host(onHost.gradient()), host(onNd4j.gradient()), 64, "gradient");
    }

    /**
     * On the ND4J path the sub-networks copy nothing; the layer's own host traffic (router and mixing in Java)
     * is exactly the documented K + 2 copies per forward, K + 2 per backward and 2K + 4 per backward with the
     * input gradient, at any batch size.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 64})
    void nd4jPathHostCopiesAreTheDocumentedMinimum(int batch) {
        int k = 4;
        MoeLayer layer = MoeLayer.create(IN, OUT, config("topk", k, 2, List.of(5), 0.5), RngStream.of(3),
                KernelPath.ND4J);
        INDArray x = matrix(uniform(RngStream.of(4), batch * IN, 1.0), batch, IN);
        INDArray dY = matrix(uniform(RngStream.of(5), batch * OUT, 1.0), batch, OUT);
        long start = HostArrays.copies();
        layer.forward(x, RngStream.of(6));
        long forward = HostArrays.copies() - start;
        layer.backward(dY);
        long backward = HostArrays.copies() - start - forward;
        layer.forward(x);
        start = HostArrays.copies();
        layer.backwardWithInputGradient(dY);
        long withInput = HostArrays.copies() - start;
        assertEquals(k + 2, forward, "forward");
        assertEquals(k + 2, backward, "backward");
        assertEquals(2 * k + 4, withInput, "backward with input gradient");
    }

    @Test
    void topKWeightsSumToOneAndUnselectedExpertsGetZero() {
        MoeLayer layer = MoeLayer.create(IN, OUT, config("topk", 5, 2, List.of(), 0.0), RngStream.of(3));
        int batch = 32;
        layer.forward(matrix(uniform(RngStream.of(4), batch * IN, 2.0), batch, IN));
        double[] g = layer.gateWeights(batch);
        double[] h = layer.gateLogits(batch);
        for (int r = 0; r < batch; r++) {
            double sum = 0;
            int nonZero = 0;
            double minSelected = Double.POSITIVE_INFINITY;
            double maxUnselected = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 5; k++) {
                sum += g[r * 5 + k];
                if (g[r * 5 + k] > 0) {
                    nonZero++;
                    minSelected = Math.min(minSelected, h[r * 5 + k]);
                } else {
                    assertEquals(0.0, g[r * 5 + k]);
                    maxUnselected = Math.max(maxUnselected, h[r * 5 + k]);
                }
            }
            assertEquals(1.0, sum, 1e-12);
            assertEquals(2, nonZero);
            assertTrue(minSelected >= maxUnselected, "selected experts are the top-2 logits");
        }
        ExpertUsage usage = layer.expertUsage();
        assertEquals(1.0, Arrays.stream(usage.routedFraction()).sum(), 1e-12);
        assertEquals(1.0, Arrays.stream(usage.meanGateWeight()).sum(), 1e-12);
    }

    @Test
    void hardGateUsesOnlyTheArgmaxExpertWeightedByItsProbability() {
        MoeLayer layer = MoeLayer.create(IN, OUT, config("hard", 4, 1, List.of(), 0.0), RngStream.of(3));
        int batch = 16;
        layer.forward(matrix(uniform(RngStream.of(4), batch * IN, 2.0), batch, IN));
        double[] g = layer.gateWeights(batch);
        double[] h = layer.gateLogits(batch);
        for (int r = 0; r < batch; r++) {
            int argmax = 0;
            double z = 0;
            for (int k = 0; k < 4; k++) {
                argmax = h[r * 4 + k] > h[r * 4 + argmax] ? k : argmax;
            }
            for (int k = 0; k < 4; k++) {
                z += Math.exp(h[r * 4 + k] - h[r * 4 + argmax]);
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(k == argmax ? 1.0 / z : 0.0, g[r * 4 + k], 1e-12);
            }
        }
    }

    @Test
    void singleExpertLayerEqualsItsExpert() {
        MoeConfig cfg = new MoeConfig(1, 1, "softmax", List.of(6, 5), List.of(), "relu", 0.01, 0.001, 0.0);
        MoeLayer layer = MoeLayer.create(IN, OUT, cfg, RngStream.of(21));
        Mlp expert = Mlp.create(cfg.expertLayerSizes(IN, OUT), Mlp.Activation.RELU, RngStream.of(21));
        assertArrayEquals(host(expert.parameters()), host(layer.expertParameters(0)));

        int batch = 7;
        INDArray x = matrix(uniform(RngStream.of(22), batch * IN, 1.0), batch, IN);
        assertArrayEquals(host(expert.forward(x)), host(layer.forward(x)));
        INDArray dY = matrix(uniform(RngStream.of(23), batch * OUT, 1.0), batch, OUT);
        float[] expected = host(expert.backward(dY));
        float[] all = host(layer.backward(dY));
        assertArrayEquals(expected, Arrays.copyOf(all, expected.length));
        assertEquals(1.0, layer.lastAuxLoss().loadBalance(), 1e-12);
    }

    /** Sets a linear gate to W = w·I (needs in == K) or 0, and biases {@code bias}. */
    private static void setLinearGate(MoeLayer layer, double w, double[] bias) {
        int k = bias.length;
        float[] gp = new float[IN * k + k];
        for (int i = 0; i < IN && w != 0; i++) {
            gp[i + i * IN] = (float) w; // column-major [in, K]
        }
        for (int j = 0; j < k; j++) {
            gp[IN * k + j] = (float) bias[j];
        }
        HostArrays.write(gp, layer.gateParameters());
    }

    @Test
    void loadBalanceIsOneForUniformRoutingAndGrowsWithImbalance() {
        MoeLayer layer = MoeLayer.create(IN, OUT, config("topk", 3, 1, List.of(), 0.0), RngStream.of(5));
        int batch = 30;
        // Each input routed to a different expert in turn: f = P = 1/K.
        float[] oneHot = new float[batch * IN];
        for (int r = 0; r < batch; r++) {
            oneHot[r * IN + r % IN] = 1f;
        }
        INDArray x = matrix(oneHot, batch, IN);
        setLinearGate(layer, 4.0, new double[3]);
        layer.forward(x);
        assertEquals(1.0, layer.lastAuxLoss().loadBalance(), 1e-6);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, layer.expertUsage().routedFraction(), 1e-12);

        double previous = 1.0;
        for (double bias : new double[] {0.5, 1, 2, 4, 8}) {
            setLinearGate(layer, 0.0, new double[] {bias, 0, 0});
            layer.forward(x);
            double lb = layer.lastAuxLoss().loadBalance();
            assertTrue(lb > previous, "load balance " + lb + " at bias " + bias + " not above " + previous);
            previous = lb;
        }
        setLinearGate(layer, 0.0, new double[] {30, 0, 0});
        layer.forward(x);
        assertEquals(3.0, layer.lastAuxLoss().loadBalance(), 1e-6, "everything on one expert: K");
        assertEquals(1, layer.expertUsage().expertsUsed(0.01));
    }

    @Test
    void routerZLossMatchesHandComputation() {
        MoeConfig cfg = config("softmax", 4, 2, List.of(), 0.0);
        MoeLayer layer = MoeLayer.create(IN, OUT, cfg, RngStream.of(8));
        float[] gp = uniform(RngStream.of(9), IN * 4 + 4, 2.0);
        HostArrays.write(gp, layer.gateParameters());
        int batch = 5;
        float[] x = uniform(RngStream.of(10), batch * IN, 1.0);
        layer.forward(matrix(x, batch, IN));

        double z = 0;
        for (int r = 0; r < batch; r++) {
            double sumExp = 0;
            for (int k = 0; k < 4; k++) {
                double h = gp[IN * 4 + k];
                for (int i = 0; i < IN; i++) {
                    h += (double) x[r * IN + i] * gp[i + k * IN];
                }
                sumExp += Math.exp(h);
            }
            z += Math.log(sumExp) * Math.log(sumExp) / batch;
        }
        MoeAuxLoss aux = layer.lastAuxLoss();
        assertEquals(z, aux.routerZLoss(), 1e-5 * z);
        assertEquals(0.3 * aux.loadBalance() + 0.05 * aux.routerZLoss(), aux.weighted(), 1e-12);
    }

    @Test
    void sameSeedGivesIdenticalParametersAndOutputs() {
        MoeConfig cfg = MoeConfig.defaults();
        MoeLayer a = MoeLayer.create(5, 2, cfg, RngStream.of(42));
        MoeLayer b = MoeLayer.create(5, 2, cfg, RngStream.of(42));
        MoeLayer c = MoeLayer.create(5, 2, cfg, RngStream.of(43));
        assertArrayEquals(host(a.parameters()), host(b.parameters()));
        assertFalse(Arrays.equals(host(a.parameters()), host(c.parameters())));
        INDArray x = matrix(uniform(RngStream.of(1), 4 * 5, 1.0), 4, 5);
        assertArrayEquals(host(a.forward(x)), host(b.forward(x)));
    }

    @Test
    void writingParametersChangesTheNextForward() {
        MoeLayer layer = MoeLayer.create(IN, OUT, config("topk", 3, 2, List.of(), 0.0), RngStream.of(1));
        INDArray x = matrix(uniform(RngStream.of(2), 4 * IN, 1.0), 4, IN);
        float[] before = host(layer.forward(x));
        layer.parameters().muli(0.0);
        float[] after = host(layer.forward(x));
        assertFalse(Arrays.equals(before, after));
        assertArrayEquals(new float[after.length], after);
    }

    @Test
    void backwardWithoutForwardAtThatBatchThrows() {
        MoeLayer layer = MoeLayer.create(IN, OUT, MoeConfig.defaults(), RngStream.of(1));
        layer.forward(Nd4j.zeros(4, IN).castTo(DataType.FLOAT));
        assertThrows(IllegalStateException.class, () -> layer.backward(Nd4j.zeros(
                DataType.FLOAT, 3, OUT)));
        assertThrows(IllegalStateException.class, () -> MoeLayer.create(IN, OUT, MoeConfig.defaults(),
                RngStream.of(1)).lastAuxLoss());
    }
}
