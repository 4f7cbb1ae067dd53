package org.netmoe.agents.rl4j;

import java.util.Arrays;
import org.deeplearning4j.rl4j.space.Encodable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A NetMoE observation (a flat float vector) as an RL4J {@link Encodable}. {@link #getData()} is a
 * fresh float32 row of shape {@code [1, obsDim]}, the batch-of-one a dense RL4J network reads; the
 * record owns its array (copied in, copied out) so RL4J's replay memory never sees it change.
 */
public record Rl4jObservation(float[] values) implements Encodable {
    public Rl4jObservation {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("values must be a non-empty observation vector");
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Length of the observation vector. */
    public int dim() {
        return values.length;
    }

    @Override
    public double[] toArray() {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Always false: every env step is a real observation (RL4J skips frames only with a history processor). */
    @Override
    public boolean isSkipped() {
        return false;
    }

    @Override
    public INDArray getData() {
        return Nd4j.createFromArray(new float[][] {values.clone()});
    }

    @Override
    public Rl4jObservation dup() {
        return new Rl4jObservation(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rl4jObservation other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Rl4jObservation" + Arrays.toString(values);
    }
}
