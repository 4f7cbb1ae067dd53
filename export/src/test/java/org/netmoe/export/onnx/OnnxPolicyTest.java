package org.netmoe.export.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;
import org.netmoe.moe.layer.MoeConfig;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;

/** Exported networks and heads run in ONNX Runtime give NetMoE's forward to float tolerance. */
class OnnxPolicyTest {
    private static final int IN = 5;
    private static final int ROWS = 200;
    private static final double TOL = 1e-5;

    private static float[][] inputs(long seed) {
        RngStream rng = RngStream.of(seed);
        float[][] x = new float[ROWS][IN];
        for (float[] row : x) {
            for (int j = 0; j < IN; j++) {
                row[j] = (float) (4 * rng.nextDouble() - 2);
            }
        }
        return x;
    }

    private static float[][] netMoe(Network network, float[][] x) {
        INDArray out = network.forward(Nd4j.createFromArray(x));
        return out.toFloatMatrix();
    }

    private static void assertClose(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                double tol = TOL * Math.max(1, Math.abs(expected[r][c]));
                assertEquals(expected[r][c], actual[r][c], tol, "row " + r + " column " + c);
            }
        }
    }

    private static long[] argmaxRows(float[][] scores) {
        long[] a = new long[scores.length];
        for (int r = 0; r < scores.length; r++) {
            for (int c = 1; c < scores[r].length; c++) {
                if (scores[r][c] > scores[r][(int) a[r]]) {
                    a[r] = c;
                }
            }
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"RELU", "TANH"})
    void mlpLogitsAndArgmaxMatchNetMoe(Mlp.Activation activation) throws Exception {
        assertLogitsAndArgmaxMatch(Mlp.create(new int[] {IN, 16, 8, 3}, activation, RngStream.of(3)), 4);
    }

    /** The exported network's logits and argmax on {@link #inputs} of {@code seed} are NetMoE's. */
    private static void assertLogitsAndArgmaxMatch(Network network, long seed) throws Exception {
        float[][] x = inputs(seed);
        Map<String, Object> out = OrtRun.run(OnnxPolicy.model(PolicyNetwork.of(network),
                new PolicyHead.Argmax("logits", false), 3, "test", Map.of()), x);
        float[][] expected = netMoe(network, x);
        assertClose(expected, (float[][]) out.get("logits"));
        assertArrayEquals(argmaxRows(expected), (long[]) out.get(OnnxPolicy.ACTION));
    }

    @ParameterizedTest
    @CsvSource({"softmax, 4, 4", "topk, 4, 2", "topk, 3, 1", "hard, 4, 1", "topk, 1, 1"})
    void moeLayerMatchesNetMoe(String gate, int experts, int topK) throws Exception {
        MoeConfig config = new MoeConfig(experts, topK, gate, List.of(12, 12), List.of(6), "tanh", 0.01, 0.001, 0.5);
        // Gate noise (0.5 here) is for training only: the exported forward is MoeLayer's noise-free one.
        assertLogitsAndArgmaxMatch(MoeLayer.create(IN, 3, config, RngStream.of(7)), 8);
    }

    @Test
    void duelingHeadCombinesValueAndAdvantages() throws Exception {
        Mlp mlp = Mlp.create(new int[] {IN, 16, 4 + 1}, Mlp.Activation.RELU, RngStream.of(5));
        float[][] x = inputs(6);
        Map<String, Object> out = OrtRun.run(OnnxPolicy.model(PolicyNetwork.of(mlp),
                new PolicyHead.Argmax("q_values", true), 4, "test", Map.of()), x);
        float[][] raw = netMoe(mlp, x);
        float[][] q = new float[ROWS][4];
        for (int r = 0; r < ROWS; r++) {
            double meanA = (raw[r][1] + raw[r][2] + raw[r][3] + raw[r][4]) / 4.0;
            for (int a = 0; a < 4; a++) {
                q[r][a] = (float) (raw[r][0] + raw[r][1 + a] - meanA);
            }
        }
        assertClose(q, (float[][]) out.get("q_values"));
        assertArrayEquals(argmaxRows(q), (long[]) out.get(OnnxPolicy.ACTION));
    }

    @Test
    void gaussianMeanIsRescaledOntoBoundedDimensionsAndClippedOnOthers() throws Exception {
        Mlp mlp = Mlp.create(new int[] {IN, 8, 2}, Mlp.Activation.TANH, RngStream.of(9));
        float[] low = {-2f, Float.NEGATIVE_INFINITY};
        float[] high = {6f, 0.25f};
        float[][] x = inputs(10);
        Map<String, Object> out = OrtRun.run(OnnxPolicy.model(PolicyNetwork.of(mlp),
                new PolicyHead.GaussianMean(Box.of(low, high)), 2, "test", Map.of()), x);
        float[][] mean = netMoe(mlp, x);
        float[][] action = (float[][]) out.get(OnnxPolicy.ACTION);
        assertClose(mean, (float[][]) out.get(OnnxPolicy.MEAN));
        boolean clippedSome = false;
        for (int r = 0; r < ROWS; r++) {
            double unit = Math.min(1, Math.max(-1, mean[r][0]));
            assertEquals(-2 + (unit + 1) * 4, action[r][0], 1e-5);
            assertEquals(Math.min(0.25f, mean[r][1]), action[r][1], 1e-6);
            clippedSome |= mean[r][1] > 0.25f;
        }
        assertTrue(clippedSome, "the fixture should exercise the clip");
    }

    @Test
    void tanhGaussianActionIsTheSquashedMeanOnTheBox() throws Exception {
        Mlp mlp = Mlp.create(new int[] {IN, 8, 2 * 2}, Mlp.Activation.RELU, RngStream.of(11));
        float[][] x = inputs(12);
        Map<String, Object> out = OrtRun.run(OnnxPolicy.model(PolicyNetwork.of(mlp),
                new PolicyHead.TanhGaussian(Box.of(new float[] {0f, -1f}, new float[] {10f, 3f})), 2, "test", Map.of()), x);
        float[][] raw = netMoe(mlp, x);
        float[][] action = (float[][]) out.get(OnnxPolicy.ACTION);
        for (int r = 0; r < ROWS; r++) {
            assertEquals(5 * Math.tanh(raw[r][0]) + 5, action[r][0], 1e-5);
            assertEquals(2 * Math.tanh(raw[r][1]) + 1, action[r][1], 1e-5);
        }
    }

    @Test
    void rejectsANetworkWhoseOutputDoesNotFitTheHead() {
        Mlp mlp = Mlp.create(new int[] {IN, 3}, Mlp.Activation.RELU, RngStream.of(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxPolicy.model(
                PolicyNetwork.of(mlp), new PolicyHead.Argmax("q_values", true), 3, "test", Map.of()));
        assertTrue(e.getMessage().contains("outputs 3 values"), e.getMessage());
    }
}
