package org.netmoe.agents.ppo;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.moe.layer.MoeConfig;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Builds the network of one head of an {@link ActorCritic}: {@code [batch, inputSize] -> [batch, outputSize]}
 * with parameters drawn from {@code rng}. The actor is built through this seam so another architecture
 * (an MoE actor) can replace the MLP without touching PPO.
 */
@FunctionalInterface
public interface NetworkFactory {

    /** A fresh network; the same {@code rng} state gives bit-identical parameters. */
    Network create(int inputSize, int outputSize, UniformRandomProvider rng);

    /**
     * A tanh {@link Mlp} with {@code hiddenSizes}, whose output-layer weights are scaled by
     * {@code outputScale} after the Glorot draw. CleanRL initializes the actor's last layer with
     * std 0.01 so the first policy is near uniform (or near zero-mean), and the critic's with 1.
     */
    static NetworkFactory mlp(List<Integer> hiddenSizes, double outputScale) {
        List<Integer> hidden = List.copyOf(hiddenSizes);
        return (inputSize, outputSize, rng) -> {
            int[] sizes = new int[hidden.size() + 2];
            sizes[0] = inputSize;
            for (int i = 0; i < hidden.size(); i++) {
                sizes[i + 1] = hidden.get(i);
            }
            sizes[sizes.length - 1] = outputSize;
            Mlp mlp = Mlp.create(sizes, Mlp.Activation.TANH, rng);
            // Mlp layout: per layer W [in, out] then b [out]; the last W ends just before the last b.
            long end = mlp.numParams() - outputSize;
            long start = end - (long) sizes[sizes.length - 2] * outputSize;
            mlp.parameters().get(NDArrayIndex.interval(start, end)).muli(outputScale);
            return mlp;
        };
    }

    /**
     * The actor factory named by {@link PpoConfig#network()}: a tanh MLP with output scale 0.01, or an
     * MoE layer of tanh MLP experts with the same hidden sizes (each expert's output layer scaled by 0.01).
     */
    static NetworkFactory actor(PpoConfig config) {
        if (!config.network().hasExperts()) {
            return mlp(config.hiddenSizes(), 0.01);
        }
        MoeConfig moe = config.network().moe(config.hiddenSizes(), "tanh");
        return (inputSize, outputSize, rng) -> {
            MoeLayer layer = MoeLayer.create(inputSize, outputSize, moe, rng);
            int lastHidden = config.hiddenSizes().get(config.hiddenSizes().size() - 1);
            for (int k = 0; k < moe.experts(); k++) {
                INDArray p = layer.expertParameters(k);
                long end = p.length() - outputSize;
                p.get(NDArrayIndex.interval(end - (long) lastHidden * outputSize, end)).muli(0.01);
            }
            return layer;
        };
    }

    /** The critic factory: a {@code "mlp"} with output scale 1. */
    static NetworkFactory critic(PpoConfig config) {
        return mlp(config.hiddenSizes(), 1.0);
    }
}
