package org.netmoe.agents.diffusion;

/**
 * The rows {@code [x_t, emb(t), s]} a {@link DiffusionPolicy}'s denoiser reads: the noisy action, the
 * sinusoidal embedding of t ({@link TimeEmbedding}, precomputed for t ∈ [0, T]) and the condition.
 */
final class DenoiserInput {
    private final int actionDim;
    private final int conditionDim;
    private final int embeddingDim;
    private final float[][] embeddings;

    DenoiserInput(int actionDim, int conditionDim, int embeddingDim, int steps) {
        this.actionDim = actionDim;
        this.conditionDim = conditionDim;
        this.embeddingDim = embeddingDim;
        this.embeddings = new float[steps + 1][];
        for (int t = 0; t <= steps; t++) {
            embeddings[t] = TimeEmbedding.of(t, embeddingDim);
        }
    }

    /** Row width: {@code actionDim + embeddingDim + conditionDim}. */
    int width() {
        return actionDim + embeddingDim + conditionDim;
    }

    /**
     * Rows {@code [x_t, emb(t), s]} into {@code input [conditions.length · width]}; {@code ts} per row, or every
     * row at {@code t} when null.
     *
     * @throws IllegalArgumentException if a condition has the wrong length
     */
    void fill(float[] input, float[] x, int t, float[][] conditions, int[] ts) {
        int width = width();
        for (int r = 0; r < conditions.length; r++) {
            if (conditions[r].length != conditionDim) {
                throw new IllegalArgumentException("condition " + r + " has " + conditions[r].length
                        + " entries, expected " + conditionDim);
            }
            int o = r * width;
            System.arraycopy(x, r * actionDim, input, o, actionDim);
            System.arraycopy(embeddings[ts == null ? t : ts[r]], 0, input, o + actionDim, embeddingDim);
            System.arraycopy(conditions[r], 0, input, o + actionDim + embeddingDim, conditionDim);
        }
    }
}
