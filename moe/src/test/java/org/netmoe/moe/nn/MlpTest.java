package org.netmoe.moe.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MlpTest {
    private static final int[] SIZES = {5, 8, 7, 3};

    private static float[] randomFloats(RngStream rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    private static INDArray matrix(float[] data, int rows, int cols) {
        return Nd4j.createFromArray(data).reshape(rows, cols);
    }

    private static float[] host(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void outputsAndGradientsEqualDl4jMultiLayerNetwork(Mlp.Activation act) {
        RngStream rng = RngStream.of(7);
        Mlp mlp = Mlp.create(SIZES, act, rng.split("init"));
        // Non-zero biases so that their layout is checked too.
        float[] p = host(mlp.parameters());
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.05f * (i % 5 - 2);
        }
        HostArrays.write(p, mlp.parameters());

        Activation dl4jAct = act == Mlp.Activation.RELU ? Activation.RELU : Activation.TANH;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        for (int l = 0; l + 1 < SIZES.length; l++) {
            boolean last = l + 2 == SIZES.length;
            list.layer(new DenseLayer.Builder().nIn(SIZES[l]).nOut(SIZES[l + 1])
                    .activation(last ? Activation.IDENTITY : dl4jAct).build());
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.setParams(Nd4j.createFromArray(p).reshape(1, p.length));

        int batch = 6;
        INDArray x = matrix(randomFloats(rng, batch * SIZES[0]), batch, SIZES[0]);
        INDArray eps = matrix(randomFloats(rng, batch * 3), batch, 3);

        INDArray expectedOut = net.output(x);
        INDArray out = mlp.forward(x);
        assertArrayEquals(host(expectedOut), host(out), 1e-5f);

        net.setInput(x);
        net.feedForward(true, false);
        net.backpropGradient(eps.dup(), LayerWorkspaceMgr.noWorkspaces());
        float[] expectedGrad = host(net.getFlattenedGradients());
        float[] grad = host(mlp.backward(eps));
        assertArrayEquals(expectedGrad, grad, 1e-5f);
    }

    /**
     * Two computation paths that sum in different orders can differ by float rounding only: for sums
     * of at most {@code k} products per layer, each output is within a few {@code k·ε·scale}, where
     * {@code ε} is float's unit roundoff and {@code scale} the largest magnitude compared.
     */
    static void assertCloseToRounding(float[] expected, float[] actual, int k, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float scale = 1f;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        float tolerance = 4f * k * Math.ulp(1f) * scale;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            assertTrue(d <= tolerance, what + "[" + i + "]: " + expected[i] + " vs " + actual[i]
                    + " differ by " + d + " > " + tolerance);
        }
    }

    /**
     * The host path (Java loops, the CPU default) and the ND4J-op path (the one the CUDA backend
     * runs) agree to float rounding on forward, parameter gradient, input gradient and Polyak averaging,
     * for both activations at RL sizes and batches 1 and 64; the CUDA path is thereby checked on the CPU
     * backend. A forward output sums {@code in} products per layer, a weight gradient {@code batch}, an
     * input gradient {@code out}; a Polyak mix is two products and one sum.
     */
    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void hostAndNd4jOpPathsAgreeToFloatRounding(Mlp.Activation act) {
        int[] sizes = {21, 64, 64, 4};
        RngStream rng = RngStream.of(5);
        NetworkState state = Mlp.create(sizes, act, rng.split("init")).state();
        Mlp onHost = Mlp.fromState(state, KernelPath.HOST);
        Mlp onNd4j = Mlp.fromState(state, KernelPath.ND4J);
        for (int batch : new int[] {1, 64}) {
            INDArray x = matrix(randomFloats(rng, batch * sizes[0]), batch, sizes[0]);
            INDArray eps = matrix(randomFloats(rng, batch * 4), batch, 4);
            assertCloseToRounding(host(onNd4j.forward(x)), host(onHost.forward(x)), 64, "output");
            float[] nd4jInput = host(onNd4j.backwardWithInputGradient(eps));
            float[] hostInput = host(onHost.backwardWithInputGradient(eps));
            assertCloseToRounding(nd4jInput, hostInput, 64, "input gradient");
            assertCloseToRounding(host(onNd4j.gradient()), host(onHost.gradient()), Math.max(batch, 64), "gradient");
            // The gradient differs between the batches, so the second batch checks a fresh one.
            assertArrayEquals(host(onHost.gradient()), host(onHost.backward(eps)), 0f, "backward = with input");
        }
        Mlp source = Mlp.create(sizes, act, rng.split("source"));
        onHost.polyakUpdate(source, 0.005);
        onNd4j.polyakUpdate(source, 0.005);
        assertCloseToRounding(host(onNd4j.parameters()), host(onHost.parameters()), 2, "Polyak");
        assertTrue(!java.util.Arrays.equals(state.parameters(), host(onHost.parameters())), "Polyak changed nothing");
    }

    /**
     * Networks built without an explicit path run on the one {@code -Dnetmoe.kernels} selects: this is what
     * makes a test run under {@code -Dnetmoe.test.jvmArgs=-Dnetmoe.kernels=nd4j} exercise the ND4J path.
     */
    @Test
    void createAndFromStateUseTheConfiguredPath() {
        String property = System.getProperty(KernelPath.PROPERTY);
        KernelPath expected = KernelPath.configured();
        if (property != null) {
            assertEquals(property.trim().toUpperCase(java.util.Locale.ROOT), expected.name());
        }
        Mlp created = Mlp.create(SIZES, Mlp.Activation.TANH, RngStream.of(1));
        assertEquals(expected, created.kernelPath());
        assertEquals(expected, Mlp.fromState(created.state()).kernelPath());
    }

    /**
     * On the ND4J path a forward, a backward (with or without the input gradient) and a Polyak update copy
     * nothing between host and device, at batch 1 and 64 alike.
     */
    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void nd4jPathMakesNoHostCopies(Mlp.Activation act) {
        int[] sizes = {6, 16, 16, 3};
        RngStream rng = RngStream.of(8);
        Mlp net = Mlp.fromState(Mlp.create(sizes, act, rng.split("init")).state(), KernelPath.ND4J);
        Mlp source = Mlp.fromState(Mlp.create(sizes, act, rng.split("source")).state(), KernelPath.ND4J);
        for (int batch : new int[] {1, 64}) {
            INDArray x = matrix(randomFloats(rng, batch * 6), batch, 6);
            INDArray dY = matrix(randomFloats(rng, batch * 3), batch, 3);
            long before = HostArrays.copies();
            net.forward(x);
            net.backward(dY);
            net.forward(x);
            net.backwardWithInputGradient(dY);
            net.polyakUpdate(source, 0.01);
            assertEquals(0, HostArrays.copies() - before, "host copies at batch " + batch);
        }
        // The counter does count: a state snapshot is one read.
        long before = HostArrays.copies();
        net.state();
        assertEquals(1, HostArrays.copies() - before);
    }

    /**
     * A network on views at a non-zero offset of larger vectors (an MoE layer's expert) computes the same
     * bits as one owning its vectors, on both paths, and writes its gradient only into its own block.
     */
    @ParameterizedTest
    @EnumSource(KernelPath.class)
    void networkOnViewsEqualsNetworkOwningItsVectors(KernelPath path) {
        RngStream rng = RngStream.of(4);
        NetworkState state = Mlp.create(SIZES, Mlp.Activation.RELU, rng.split("init")).state();
        Mlp owning = Mlp.fromState(state, path);
        int n = state.parameters().length;
        int offset = 37;
        INDArray bigParams = Nd4j.create(DataType.FLOAT, offset + n + 11).assign(9f);
        INDArray bigGrad = Nd4j.create(DataType.FLOAT, offset + n + 11).assign(7f);
        INDArray params = bigParams.get(NDArrayIndex.interval(offset, offset + n));
        HostArrays.write(state.parameters(), params);
        Mlp onViews = Mlp.onViews(SIZES, Mlp.Activation.RELU, params,
                bigGrad.get(NDArrayIndex.interval(offset, offset + n)), path);
        int batch = 5;
        INDArray x = matrix(randomFloats(rng, batch * 5), batch, 5);
        INDArray dY = matrix(randomFloats(rng, batch * 3), batch, 3);
        assertArrayEquals(host(owning.forward(x)), host(onViews.forward(x)), 0f);
        assertArrayEquals(host(owning.backwardWithInputGradient(dY)), host(onViews.backwardWithInputGradient(dY)), 0f);
        float[] big = host(bigGrad);
        assertArrayEquals(host(owning.gradient()), java.util.Arrays.copyOfRange(big, offset, offset + n), 0f);
        for (int i = 0; i < big.length; i++) {
            if (i < offset || i >= offset + n) {
                assertEquals(7f, big[i], "gradient outside the block at " + i);
            }
        }
        // Writing the outer vector changes the network at once.
        params.assign(0);
        assertArrayEquals(new float[batch * 3], host(onViews.forward(x)), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mlp.onViews(SIZES,
                Mlp.Activation.RELU, bigParams, bigGrad.get(NDArrayIndex.interval(0, n)), path));
        assertTrue(e.getMessage().startsWith("parameters"), e.getMessage());
    }

    /** Plain double-precision forward of the same flat layout: output of row {@code r}. */
    private static double[] referenceForward(float[] p, Mlp.Activation act, float[] x, int r) {
        double[] a = new double[SIZES[0]];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[r * SIZES[0] + i];
        }
        int off = 0;
        for (int l = 0; l + 1 < SIZES.length; l++) {
            int in = SIZES[l];
            int out = SIZES[l + 1];
            double[] z = new double[out];
            for (int j = 0; j < out; j++) {
                double s = p[off + in * out + j];
                for (int i = 0; i < in; i++) {
                    s += a[i] * p[off + j * in + i]; // column-major W[i, j]
                }
                boolean last = l + 2 == SIZES.length;
                z[j] = last ? s : act == Mlp.Activation.RELU ? Math.max(0, s) : Math.tanh(s);
            }
            off += in * out + out;
            a = z;
        }
        return a;
    }

    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void gradientMatchesCentralFiniteDifferences(Mlp.Activation act) {
        RngStream rng = RngStream.of(11);
        Mlp mlp = Mlp.create(SIZES, act, rng.split("init"));
        int batch = 4;
        float[] x = randomFloats(rng, batch * SIZES[0]);
        float[] dOut = randomFloats(rng, batch * 3);
        INDArray out = mlp.forward(matrix(x, batch, SIZES[0]));
        float[] grad = host(mlp.backward(matrix(dOut, batch, 3)));
        float[] p = host(mlp.parameters());
        float[] outHost = host(out);
        // The forward itself against the double reference.
        for (int r = 0; r < batch; r++) {
            double[] ref = referenceForward(p, act, x, r);
            for (int j = 0; j < 3; j++) {
                assertEquals(ref[j], outHost[r * 3 + j], 1e-5);
            }
        }
        // loss(θ) = Σ dOut ⊙ f(x; θ), so ∂loss/∂θ is exactly what backward(dOut) returns.
        double h = 1e-3;
        for (int k = 0; k < p.length; k++) {
            float saved = p[k];
            p[k] = (float) (saved + h);
            double plus = linearLoss(p, act, x, dOut, batch);
            p[k] = (float) (saved - h);
            double minus = linearLoss(p, act, x, dOut, batch);
            p[k] = saved;
            double numeric = (plus - minus) / (((double) (float) (saved + h)) - ((double) (float) (saved - h)));
            assertEquals(numeric, grad[k], 1e-3 * Math.max(1, Math.abs(numeric)), "parameter " + k);
        }
    }

    /**
     * ∂(Σ dOut ⊙ f(x))/∂x against central differences of the double reference in x (h = 1e-4, small enough
     * that no ReLU kink is crossed at seed 12; tolerance 1e-3 relative), and the parameter gradient of backwardWithInputGradient equals backward's bit for bit.
     */
    @ParameterizedTest
    @EnumSource(Mlp.Activation.class)
    void inputGradientMatchesCentralDifferencesAndKeepsTheParameterGradient(Mlp.Activation act) {
        RngStream rng = RngStream.of(12);
        Mlp mlp = Mlp.create(SIZES, act, rng.split("init"));
        int batch = 4;
        float[] x = randomFloats(rng, batch * SIZES[0]);
        float[] dOut = randomFloats(rng, batch * 3);
        mlp.forward(matrix(x, batch, SIZES[0]));
        float[] grad = host(mlp.backward(matrix(dOut, batch, 3)));
        mlp.forward(matrix(x, batch, SIZES[0]));
        float[] dx = host(mlp.backwardWithInputGradient(matrix(dOut, batch, 3)));
        assertArrayEquals(grad, host(mlp.gradient()));
        float[] p = host(mlp.parameters());
        double h = 1e-4;
        for (int k = 0; k < x.length; k++) {
            float saved = x[k];
            x[k] = (float) (saved + h);
            double plus = linearLoss(p, act, x, dOut, batch);
            x[k] = (float) (saved - h);
            double minus = linearLoss(p, act, x, dOut, batch);
            x[k] = saved;
            double numeric = (plus - minus) / (((double) (float) (saved + h)) - ((double) (float) (saved - h)));
            assertEquals(numeric, dx[k], 1e-3 * Math.max(1, Math.abs(numeric)), "input " + k);
        }
    }

    private static double linearLoss(float[] p, Mlp.Activation act, float[] x, float[] dOut, int batch) {
        double s = 0;
        for (int r = 0; r < batch; r++) {
            double[] y = referenceForward(p, act, x, r);
            for (int j = 0; j < y.length; j++) {
                s += dOut[r * y.length + j] * y[j];
            }
        }
        return s;
    }

    @Test
    void forwardReadsRowViewsAndKeepsBuffersPerBatchSize() {
        RngStream rng = RngStream.of(3);
        Mlp mlp = Mlp.create(SIZES, Mlp.Activation.RELU, rng);
        INDArray stacked = matrix(randomFloats(rng, 8 * 5), 8, 5);
        INDArray bottom = stacked.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all());
        float[] fromView = host(mlp.forward(bottom));
        float[] fromCopy = host(mlp.forward(bottom.dup()));
        assertArrayEquals(fromCopy, fromView, 0f);
        INDArray full = mlp.forward(stacked);
        INDArray single = mlp.forward(stacked.getRow(0, true).dup());
        assertEquals(8, full.rows());
        assertEquals(1, single.rows());
        assertArrayEquals(host(full.getRow(0, true)), host(single), 0f);
    }

    @Test
    void parameterViewsShareTheFlatVector() {
        Mlp mlp = Mlp.create(SIZES, Mlp.Activation.RELU, RngStream.of(1));
        INDArray x = Nd4j.ones(DataType.FLOAT, 1, 5);
        mlp.parameters().assign(0);
        assertArrayEquals(new float[3], host(mlp.forward(x)), 0f);
        // Output bias is the last 3 parameters.
        long n = mlp.parameters().length();
        mlp.parameters().putScalar(n - 2, 2.5f);
        assertArrayEquals(new float[] {0f, 2.5f, 0f}, host(mlp.forward(x)), 0f);
    }

    @Test
    void polyakUpdateAndHardCopyMatchPlainJava() {
        Mlp online = Mlp.create(SIZES, Mlp.Activation.RELU, RngStream.of(1));
        Mlp target = Mlp.create(SIZES, Mlp.Activation.RELU, RngStream.of(2));
        float[] a = host(online.parameters());
        float[] b = host(target.parameters());
        target.polyakUpdate(online, 0.1);
        float[] mixed = host(target.parameters());
        for (int i = 0; i < a.length; i++) {
            assertEquals(0.1 * a[i] + 0.9 * b[i], mixed[i], 1e-6);
        }
        target.copyParametersFrom(online);
        assertArrayEquals(a, host(target.parameters()), 0f);
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAfterUpdates() {
        float[] first = train(42);
        float[] second = train(42);
        assertArrayEquals(first, second, 0f);
        assertTrue(!java.util.Arrays.equals(first, train(43)), "another seed should differ");
    }

    private static float[] train(long seed) {
        RngStream root = RngStream.of(seed);
        Mlp mlp = Mlp.create(new int[] {5, 16, 16, 3}, Mlp.Activation.TANH, root.split("init"));
        Adam adam = new Adam(AdamConfig.of(1e-2).withMaxGradNorm(1.0), mlp.parameters().length());
        RngStream data = root.split("data");
        for (int step = 0; step < 50; step++) {
            mlp.forward(matrix(randomFloats(data, 32 * 5), 32, 5));
            mlp.backward(matrix(randomFloats(data, 32 * 3), 32, 3));
            adam.step(mlp.parameters(), mlp.gradient());
        }
        return host(mlp.parameters());
    }

    @Test
    void stateRoundTripsAndRejectsOtherArchitectures() {
        Mlp a = Mlp.create(SIZES, Mlp.Activation.TANH, RngStream.of(5));
        NetworkState s = a.state();
        Mlp b = Mlp.fromState(s);
        assertEquals(s, b.state());
        Mlp c = Mlp.create(SIZES, Mlp.Activation.TANH, RngStream.of(6));
        c.restore(s);
        assertArrayEquals(host(a.parameters()), host(c.parameters()), 0f);
        Mlp other = Mlp.create(new int[] {5, 4, 3}, Mlp.Activation.TANH, RngStream.of(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(s));
        assertTrue(e.getMessage().contains("[5, 4, 3]"), e.getMessage());
    }

    @Test
    void rejectsBadLayerSizesAndInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.create(new int[] {4, 0, 2}, Mlp.Activation.RELU, RngStream.of(1)));
        assertTrue(e.getMessage().contains("layerSizes"), e.getMessage());
        Mlp mlp = Mlp.create(SIZES, Mlp.Activation.RELU, RngStream.of(1));
        assertThrows(IllegalArgumentException.class, () -> mlp.forward(Nd4j.ones(DataType.FLOAT, 2, 4)));
        assertThrows(IllegalStateException.class, () -> mlp.backward(Nd4j.ones(DataType.FLOAT, 9, 3)));
    }
}
