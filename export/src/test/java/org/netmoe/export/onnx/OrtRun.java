package org.netmoe.export.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.Map;
import org.netmoe.export.onnx.proto.Onnx.ModelProto;

/** Runs an exported model in ONNX Runtime on one batch of observations and returns every output, copied. */
public final class OrtRun {
    private OrtRun() {
    }

    /** Outputs by name: {@code float[][]} for float outputs, {@code long[]} for the discrete action. */
    public static Map<String, Object> run(byte[] model, float[][] observations) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, observations);
             OrtSession.Result result = session.run(Map.of(OnnxPolicy.INPUT, input))) {
            Map<String, Object> out = new HashMap<>();
            result.forEach(e -> {
                try {
                    out.put(e.getKey(), e.getValue().getValue());
                } catch (OrtException ex) {
                    throw new IllegalStateException("reading output " + e.getKey(), ex);
                }
            });
            return out;
        }
    }

    /** {@link #run(byte[], float[][])} on a model proto. */
    public static Map<String, Object> run(ModelProto model, float[][] observations) throws OrtException {
        return run(model.toByteArray(), observations);
    }
}
