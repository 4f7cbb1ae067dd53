package org.netmoe.export.onnx;

import static org.netmoe.export.onnx.GraphBuilder.intAttr;
import static org.netmoe.export.onnx.GraphBuilder.intsAttr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.core.Require;
import org.netmoe.envs.space.Box;
import org.netmoe.export.onnx.proto.Onnx.ModelProto;
import org.netmoe.export.onnx.proto.Onnx.OperatorSetIdProto;
import org.netmoe.export.onnx.proto.Onnx.StringStringEntryProto;
import org.netmoe.export.onnx.proto.Onnx.TensorProto;
import org.netmoe.export.onnx.proto.Onnx.TensorShapeProto;
import org.netmoe.export.onnx.proto.Onnx.TypeProto;
import org.netmoe.export.onnx.proto.Onnx.ValueInfoProto;

/**
 * A trained policy as an ONNX model that reproduces NetMoE's deterministic (greedy) forward: input
 * {@value #INPUT} {@code float [batch, obsDim]}; outputs the network's scores or mean (named by the
 * {@link PolicyHead}) and {@value #ACTION}, the action NetMoE's greedy policy takes. Built from standard
 * operators of opset {@value #OPSET} only (IR version {@value #IR_VERSION}), so any ONNX runtime runs it.
 */
public final class OnnxPolicy {
    /** The ONNX operator set the model imports (default domain). */
    public static final int OPSET = 17;
    /** The ONNX IR version of the model (the one of opset 17). */
    public static final int IR_VERSION = 8;
    /** The model's input: observations {@code float [batch, obsDim]}. */
    public static final String INPUT = "obs";
    /** The model's action output: {@code int64 [batch]} (discrete) or {@code float [batch, d]} (box). */
    public static final String ACTION = "action";
    /** The mean output of the Gaussian heads, {@code float [batch, d]}. */
    public static final String MEAN = "mean";

    private OnnxPolicy() {
    }

    /**
     * The model of {@code network} followed by {@code head}, for {@code actions} discrete actions or box
     * dimensions; {@code metadata} goes into the model's metadata properties (e.g. agent, env, source run).
     *
     * @throws IllegalArgumentException if the network's output width does not fit the head
     */
    public static ModelProto model(PolicyNetwork network, PolicyHead head, int actions, String producerVersion,
                                   Map<String, String> metadata) {
        Require.nonNull("network", network);
        Require.nonNull("head", head);
        if (network.outputSize() != head.networkWidth(actions)) {
            throw new IllegalArgumentException("the network outputs " + network.outputSize() + " values, the head "
                    + head.getClass().getSimpleName() + " for " + actions + " actions reads " + head.networkWidth(actions));
        }
        GraphBuilder g = new GraphBuilder("netmoe_policy");
        g.floatInput(INPUT, network.inputSize());
        String raw = NetworkGraph.forward(g, INPUT, network);
        if (head instanceof PolicyHead.Argmax a) {
            argmax(g, raw, a, actions);
        } else if (head instanceof PolicyHead.GaussianMean m) {
            gaussianMean(g, raw, m, actions);
        } else {
            tanhGaussian(g, raw, (PolicyHead.TanhGaussian) head, actions);
        }
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("NetMoE")
                .setProducerVersion(producerVersion).setDocString("NetMoE policy: " + network.describe())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(g.build());
        metadata.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /** Scores (Q = V + A − mean(A) when dueling) and their first argmax. */
    private static void argmax(GraphBuilder g, String raw, PolicyHead.Argmax head, int n) {
        String scores = raw;
        if (head.dueling()) {
            String value = slice(g, raw, 0, 1);
            String advantages = slice(g, raw, 1, n + 1);
            String meanAdvantage = g.node("ReduceMean", List.of(advantages), intsAttr("axes", 1), intAttr("keepdims", 1));
            scores = g.node("Sub", List.of(g.node("Add", List.of(value, advantages)), meanAdvantage));
        }
        String action = g.node("ArgMax", List.of(scores), intAttr("axis", 1), intAttr("keepdims", 0),
                intAttr("select_last_index", 0));
        g.output(head.scoresName(), scores, TensorProto.DataType.FLOAT, n);
        g.output(ACTION, action, TensorProto.DataType.INT64);
    }

    /** PPO's env action from the Gaussian mean: rescaled from [−1, 1] where the box is bounded, else clipped. */
    private static void gaussianMean(GraphBuilder g, String mean, PolicyHead.GaussianMean head, int d) {
        float[] low = head.box().low();
        float[] high = head.box().high();
        boolean[] bounded = new boolean[d];
        float[] offset = new float[d];
        float[] halfRange = new float[d];
        for (int j = 0; j < d; j++) {
            bounded[j] = Float.isFinite(low[j]) && Float.isFinite(high[j]);
            offset[j] = bounded[j] ? low[j] : 0f;
            halfRange[j] = bounded[j] ? (float) (0.5 * ((double) high[j] - low[j])) : 0f;
        }
        String lo = g.floats("low", low, d);
        String hi = g.floats("high", high, d);
        String unit = g.node("Clip", List.of(mean, g.floats("minus_one", new float[] {-1f}),
                g.floats("one", new float[] {1f})));
        String shifted = g.node("Add", List.of(unit, g.floats("one", new float[] {1f})));
        String rescaled = g.node("Add", List.of(g.node("Mul", List.of(shifted, g.floats("half_range", halfRange, d))),
                g.floats("offset", offset, d)));
        String action = g.node("Where", List.of(g.bools("bounded", bounded), clipToBox(g, rescaled, lo, hi),
                clipToBox(g, mean, lo, hi)));
        g.output(MEAN, mean, TensorProto.DataType.FLOAT, d);
        g.output(ACTION, action, TensorProto.DataType.FLOAT, d);
    }

    /** SAC's deterministic action {@code scale·tanh(μ) + bias}, clipped to the box. */
    private static void tanhGaussian(GraphBuilder g, String raw, PolicyHead.TanhGaussian head, int d) {
        Box box = head.box();
        float[] scale = new float[d];
        float[] bias = new float[d];
        for (int j = 0; j < d; j++) {
            scale[j] = (float) (((double) box.high(j) - box.low(j)) / 2);
            bias[j] = (float) (((double) box.high(j) + box.low(j)) / 2);
        }
        String mu = slice(g, raw, 0, d);
        String squashed = g.node("Add", List.of(g.node("Mul", List.of(g.node("Tanh", List.of(mu)),
                g.floats("scale", scale, d))), g.floats("bias", bias, d)));
        String action = clipToBox(g, squashed, g.floats("low", box.low(), d), g.floats("high", box.high(), d));
        g.output(MEAN, mu, TensorProto.DataType.FLOAT, d);
        g.output(ACTION, action, TensorProto.DataType.FLOAT, d);
    }

    /** {@code min(high, max(low, x))} per column. */
    private static String clipToBox(GraphBuilder g, String x, String low, String high) {
        return g.node("Min", List.of(g.node("Max", List.of(x, low)), high));
    }

    /** Columns {@code [start, end)} of {@code x [batch, w]}. */
    private static String slice(GraphBuilder g, String x, long start, long end) {
        return g.node("Slice", List.of(x, g.longs("starts", new long[] {start}, 1), g.longs("ends", new long[] {end}, 1),
                g.longs("axes", new long[] {1}, 1)));
    }

    /** The model's inputs and outputs for the user, e.g. {@code obs float [batch, 8] -> logits float [batch, 5], action int64 [batch]}. */
    public static String signature(ModelProto model) {
        return valueInfos(model.getGraph().getInputList()) + " -> " + valueInfos(model.getGraph().getOutputList());
    }

    private static String valueInfos(List<ValueInfoProto> values) {
        List<String> parts = new ArrayList<>();
        for (ValueInfoProto v : values) {
            TypeProto.Tensor t = v.getType().getTensorType();
            List<String> dims = new ArrayList<>();
            for (TensorShapeProto.Dimension d : t.getShape().getDimList()) {
                dims.add(d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()));
            }
            parts.add(v.getName() + " " + TensorProto.DataType.forNumber(t.getElemType()).name().toLowerCase(Locale.ROOT)
                    + " " + dims);
        }
        return String.join(", ", parts);
    }

    /**
     * Writes {@code model} to {@code file} through a temporary file renamed into place, so a crash never
     * leaves a half-written model under the final name.
     */
    public static void write(ModelProto model, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            model.writeTo(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
