package org.netmoe.core;

import java.util.List;

/**
 * The layer sizes {@code [input, hidden..., output]} of a fully connected network, as the agent and
 * MoE config records build them from their validated hidden widths.
 */
public final class LayerSizes {
    private LayerSizes() {
    }

    /** {@code [input, hidden.get(0), ..., hidden.get(n - 1), output]}, a fresh array. */
    public static int[] of(int input, List<Integer> hidden, int output) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = input;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = output;
        return sizes;
    }
}
