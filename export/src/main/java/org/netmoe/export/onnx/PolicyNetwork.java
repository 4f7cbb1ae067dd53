package org.netmoe.export.onnx;

import java.util.Arrays;
import java.util.Locale;
import org.netmoe.core.Require;
import org.netmoe.moe.layer.MoeConfig;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;
import org.netmoe.moe.nn.NetworkState;

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
            return new MlpNetwork(m.state());
        }
        if (network instanceof MoeLayer l) {
            return new MoeNetwork(l.config(), l.inputSize(), l.outputSize(), l.parameters().toFloatVector());
        }
        throw new IllegalArgumentException("only MLP and MoE networks can be exported, was "
                + network.getClass().getSimpleName());
    }

    /** An {@link Mlp} exactly as {@code state} rebuilds it: dense layers, hidden activation, identity output. */
    record MlpNetwork(NetworkState state) implements PolicyNetwork {
        public MlpNetwork {
            Require.nonNull("state", state);
        }

        @Override
        public int inputSize() {
            return state.layerSizes()[0];
        }

        @Override
        public int outputSize() {
            int[] sizes = state.layerSizes();
            return sizes[sizes.length - 1];
        }

        @Override
        public String describe() {
            return "mlp " + Arrays.toString(state.layerSizes()) + " "
                    + state.hiddenActivation().name().toLowerCase(Locale.ROOT);
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
            long expected = config.experts() * Mlp.numParams(config.expertLayerSizes(inputSize, outputSize))
                    + Mlp.numParams(config.gateLayerSizes(inputSize));
            Require.nonNull("parameters", parameters);
            if (parameters.length != expected) {
                throw new IllegalArgumentException("parameters must hold " + expected + " floats for this MoE layer, was "
                        + parameters.length);
            }
            parameters = parameters.clone();
        }

        @Override
        public String describe() {
            return "moe of " + config.experts() + " experts " + Arrays.toString(config.expertLayerSizes(inputSize,
                    outputSize)) + " " + config.hiddenActivation() + ", gate " + config.gate() + " top-" + config.topK();
        }
    }
}
