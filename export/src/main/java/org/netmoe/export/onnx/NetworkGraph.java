package org.netmoe.export.onnx;

import static org.netmoe.export.onnx.GraphBuilder.floatTensorAttr;
import static org.netmoe.export.onnx.GraphBuilder.intAttr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.netmoe.moe.layer.MoeConfig;
import org.netmoe.moe.nn.Mlp;

/**
 * The inference forward of a {@link PolicyNetwork} as ONNX nodes: {@code Gemm} per dense layer,
 * {@code Relu}/{@code Tanh} between them; for an MoE layer the gate's {@code Softmax}, {@code TopK}
 * selection and renormalization, and the weighted sum of the experts.
 */
final class NetworkGraph {
    private NetworkGraph() {
    }

    /** The output {@code [batch, outputSize]} of {@code network} for {@code x [batch, inputSize]}. */
    static String forward(GraphBuilder g, String x, PolicyNetwork network) {
        if (network instanceof PolicyNetwork.MlpNetwork m) {
            return mlp(g, x, "mlp", m.state().layerSizes(), m.state().hiddenActivation(), m.state().parameters(), 0);
        }
        return moe(g, x, (PolicyNetwork.MoeNetwork) network);
    }

    /**
     * An {@link Mlp} whose parameters start at {@code offset} of {@code p}. NetMoE stores {@code W}
     * column-major {@code [in, out]}, which is {@code Wᵀ} row-major {@code [out, in]}: Gemm with
     * {@code transB = 1} computes {@code x·W + b} from it unchanged.
     */
    private static String mlp(GraphBuilder g, String x, String prefix, int[] sizes, Mlp.Activation activation,
                              float[] p, int offset) {
        String a = x;
        int at = offset;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            String w = g.floats(prefix + "_W" + l, Arrays.copyOfRange(p, at, at + in * out), out, in);
            at += in * out;
            String b = g.floats(prefix + "_b" + l, Arrays.copyOfRange(p, at, at + out), out);
            at += out;
            a = g.node("Gemm", List.of(a, w, b), intAttr("transB", 1));
            if (l + 2 < sizes.length) {
                a = g.node(activation == Mlp.Activation.RELU ? "Relu" : "Tanh", List.of(a));
            }
        }
        return a;
    }

    /**
     * {@code y = Σ_k g_k(x)·E_k(x)} as {@code MoeLayer.forward} without noise: {@code p = softmax(h)} of
     * the gate logits h; {@code softmax}: g = p; {@code topk}: g = p on the top-k logits renormalized to
     * sum 1, 0 elsewhere; {@code hard}: g = p on the argmax, 0 elsewhere. TopK breaks ties to the lower
     * index, as NetMoE's router does.
     */
    private static String moe(GraphBuilder g, String x, PolicyNetwork.MoeNetwork net) {
        MoeConfig c = net.config();
        int[] expertSizes = c.expertLayerSizes(net.inputSize(), net.outputSize());
        int expertParams = Math.toIntExact(Mlp.numParams(expertSizes));
        String h = mlp(g, x, "gate", c.gateLayerSizes(net.inputSize()), c.activation(), net.parameters(),
                c.experts() * expertParams);
        String p = g.node("Softmax", List.of(h), intAttr("axis", 1));
        String weights = p;
        if (!c.gate().equals("softmax")) {
            String k = g.longs("top_k", new long[] {c.topK()}, 1);
            String selectedIdx = g.nodeOutputs("TopK", List.of(h, k), 2, intAttr("axis", 1))[1];
            String zeros = g.node("ConstantOfShape", List.of(g.node("Shape", List.of(h))), floatTensorAttr("value", 0f));
            String ones = g.node("ConstantOfShape", List.of(g.node("Shape", List.of(selectedIdx))),
                    floatTensorAttr("value", 1f));
            String mask = g.node("ScatterElements", List.of(zeros, selectedIdx, ones), intAttr("axis", 1));
            weights = g.node("Mul", List.of(p, mask));
            if (c.gate().equals("topk")) {
                String axis = g.longs("axis", new long[] {1}, 1);
                String mass = g.node("ReduceSum", List.of(weights, axis), intAttr("keepdims", 1));
                weights = g.node("Div", List.of(weights, mass));
            }
        }
        List<String> terms = new ArrayList<>();
        for (int e = 0; e < c.experts(); e++) {
            String out = mlp(g, x, "expert" + e, expertSizes, c.activation(), net.parameters(), e * expertParams);
            String column = g.longs("expert_index", new long[] {e}, 1);
            String weight = g.node("Gather", List.of(weights, column), intAttr("axis", 1)); // [batch, 1]
            terms.add(g.node("Mul", List.of(weight, out)));
        }
        return terms.size() == 1 ? terms.get(0) : g.node("Sum", terms);
    }
}
