package org.netmoe.export.onnx;

import java.util.Arrays;
import java.util.Locale;
import org.netmoe.core.Require;
import org.netmoe.moe.layer.MoeConfig;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;

/**
 * The network of a trained policy (a DQN Q-network, a PPO or SAC actor) as exported: its architecture and
 * a copy of its flat parameter vector in NetMoE's layout ({@link Mlp}: per layer {@code W} column-major
 * {@code [in, out]} then {@code b}; {@link MoeLayer}: experts 0…K−1 then the gate, each in that layout).
 */
public sealed interface PolicyNetwork {
    /** Width of the observation row it reads. */
    int inputSize();

    /** Width of its output row. */
    int outputSize();

    /** A few words for the user, e.g. {@code mlp [4, 64, 64, 2] tanh}. */
    String describe();

    /**
     * The network behind {@code network}, its parameters copied.
     *
     * @throws IllegalArgumentException if it is neither an {@link Mlp} nor an {@link MoeLayer}
     */
    static PolicyNetwork of(Network network) {
        Require.nonNull("network", network);
        if (network instanceof Mlp m) {
            return new MlpNetwork(m.layerSizes(), m.hiddenActivation(), m.state().parameters());
        }
        if (network instanceof MoeLayer l) {
            return new MoeNetwork(l.config(), l.inputSize(), l.outputSize(), l.parameters().toFloatVector());
        }
        throw new IllegalArgumentException("only MLP and MoE networks can be exported, was "
                + network.getClass().getSimpleName());
    }

    /**
     * An {@link Mlp}: dense layers {@code layerSizes}, {@code activation} after every hidden layer, identity output.
     *
     * @param parameters {@code [Mlp.numParams(layerSizes)]}
     */
    record MlpNetwork(int[] layerSizes, Mlp.Activation activation, float[] parameters) implements PolicyNetwork {
        public MlpNetwork {
            Require.nonNull("activation", activation);
            layerSizes = layerSizes.clone();
            parameters = checkLength(parameters, Mlp.numParams(layerSizes));
        }

        @Override
        public int inputSize() {
            return layerSizes[0];
        }

        @Override
        public int outputSize() {
            return layerSizes[layerSizes.length - 1];
        }

        @Override
        public String describe() {
            return "mlp " + Arrays.toString(layerSizes) + " " + activation.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An {@link MoeLayer} {@code inputSize -> outputSize} of {@code config} at inference: noise-free gate
     * logits, weights by {@link MoeConfig#gate()} over the top-{@link MoeConfig#topK()} experts.
     *
     * @param parameters experts 0…K−1 then the gate, each {@code [Mlp.numParams(...)]}
     */
    record MoeNetwork(MoeConfig config, int inputSize, int outputSize, float[] parameters) implements PolicyNetwork {
        public MoeNetwork {
            Require.nonNull("config", config);
            Require.positive("inputSize", inputSize);
            Require.positive("outputSize", outputSize);
            parameters = checkLength(parameters, config.experts() * Mlp.numParams(config.expertLayerSizes(inputSize,
                    outputSize)) + Mlp.numParams(config.gateLayerSizes(inputSize)));
        }

        @Override
        public String describe() {
            return "moe of " + config.experts() + " experts " + Arrays.toString(config.expertLayerSizes(inputSize,
                    outputSize)) + " " + config.hiddenActivation() + ", gate " + config.gate() + " top-" + config.topK();
        }
    }

    private static float[] checkLength(float[] parameters, long expected) {
        Require.nonNull("parameters", parameters);
        if (parameters.length != expected) {
            throw new IllegalArgumentException("parameters must hold " + expected + " floats for this architecture, was "
                    + parameters.length);
        }
        return parameters.clone();
    }
}
