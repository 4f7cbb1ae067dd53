package org.netmoe.export.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.netmoe.export.onnx.proto.Onnx.AttributeProto;
import org.netmoe.export.onnx.proto.Onnx.GraphProto;
import org.netmoe.export.onnx.proto.Onnx.NodeProto;
import org.netmoe.export.onnx.proto.Onnx.TensorProto;
import org.netmoe.export.onnx.proto.Onnx.TensorShapeProto;
import org.netmoe.export.onnx.proto.Onnx.TypeProto;
import org.netmoe.export.onnx.proto.Onnx.ValueInfoProto;

/**
 * Appends nodes and initializers to an ONNX graph under generated unique names ({@code prefix_n}), so
 * the graph-building code reads as the forward it reproduces. Tensors are stored as little-endian
 * {@code raw_data}, as the ONNX IR specifies.
 */
final class GraphBuilder {
    /** The symbolic name of the batch dimension of the input and every output. */
    static final String BATCH = "batch";
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    GraphBuilder(String name) {
        graph.setName(name);
    }

    private String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    /** A float initializer of shape {@code dims} holding {@code values} (row-major). */
    String floats(String prefix, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return initializer(prefix, TensorProto.DataType.FLOAT, buf, dims);
    }

    /** An int64 initializer of shape {@code dims} holding {@code values}. */
    String longs(String prefix, long[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return initializer(prefix, TensorProto.DataType.INT64, buf, dims);
    }

    /** A bool initializer of shape {@code [values.length]}. */
    String bools(String prefix, boolean[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return initializer(prefix, TensorProto.DataType.BOOL, ByteBuffer.wrap(bytes), values.length);
    }

    private String initializer(String prefix, TensorProto.DataType type, ByteBuffer data, long... dims) {
        String name = fresh(prefix);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(data.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A node {@code op(inputs)} with one output, returned. */
    String node(String op, List<String> inputs, AttributeProto... attributes) {
        return nodeOutputs(op, inputs, 1, attributes)[0];
    }

    /** A node {@code op(inputs)} with {@code outputs} outputs, returned in order. */
    String[] nodeOutputs(String op, List<String> inputs, int outputs, AttributeProto... attributes) {
        String name = fresh(op);
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs);
        String[] out = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = name + "_out" + i;
            n.addOutput(out[i]);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** A scalar-tensor attribute (e.g. the fill value of {@code ConstantOfShape}) of one float. */
    static AttributeProto floatTensorAttr(String name, float value) {
        TensorProto t = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(1)
                .addFloatData(value).build();
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    /** Declares graph input {@code name}, float {@code [batch, width]}. */
    void floatInput(String name, int width) {
        graph.addInput(valueInfo(name, TensorProto.DataType.FLOAT, width));
    }

    /**
     * Declares graph output {@code name} as {@code value} renamed (an {@code Identity} node), of
     * {@code type} and shape {@code [batch]} (no {@code width}) or {@code [batch, width]}.
     */
    void output(String name, String value, TensorProto.DataType type, int... width) {
        graph.addNode(NodeProto.newBuilder().setName(fresh("Identity")).setOpType("Identity").addInput(value)
                .addOutput(name));
        graph.addOutput(valueInfo(name, type, width));
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, int... width) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (int w : width) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(w));
        }
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    GraphProto build() {
        return graph.build();
    }
}
