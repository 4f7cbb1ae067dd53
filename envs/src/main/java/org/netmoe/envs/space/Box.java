package org.netmoe.envs.space;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A box of float32 vectors, {@code low[i] <= x[i] <= high[i]}, flattened row-major from
 * {@code shape}. Infinite bounds are allowed; {@link #sample} then draws from a unit normal.
 */
public record Box(float[] low, float[] high, int[] shape) implements Space {
    public Box {
        int size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Box.shape must be positive, was " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box bounds must have " + size + " entries, were "
                    + low.length + " and " + high.length);
        }
        for (int i = 0; i < size; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box bound " + i + " is invalid: [" + low[i] + ", " + high[i] + "]");
            }
        }
        low = low.clone();
        high = high.clone();
        shape = shape.clone();
    }

    /** A flat box with the same bounds in every one of {@code dim} entries. */
    public static Box uniform(float low, float high, int dim) {
        float[] lo = new float[dim];
        float[] hi = new float[dim];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, new int[] {dim});
    }

    /** A flat box with per-entry bounds. */
    public static Box of(float[] low, float[] high) {
        return new Box(low, high, new int[] {low.length});
    }

    @Override
    public int flatDim() {
        return low.length;
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Lower bound of entry {@code i}. */
    public float low(int i) {
        return low[i];
    }

    /** Upper bound of entry {@code i}. */
    public float high(int i) {
        return high[i];
    }

    @Override
    public boolean contains(Action action) {
        return action instanceof Action.Vector v && contains(v.values());
    }

    /** Whether {@code x} has the box's size and lies inside its bounds (NaN never does). */
    public boolean contains(float[] x) {
        if (x == null || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Action sample(UniformRandomProvider rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            if (Float.isInfinite(low[i]) || Float.isInfinite(high[i])) {
                x[i] = (float) (rng.nextDouble() * 2 - 1);
            } else {
                x[i] = (float) (low[i] + rng.nextDouble() * ((double) high[i] - low[i]));
            }
        }
        return Action.of(x);
    }

    /**
     * The values of a legal vector action.
     *
     * @throws IllegalArgumentException if {@code action} is not a vector inside the box
     */
    public float[] values(Action action) {
        if (!contains(action)) {
            throw new IllegalArgumentException("action must be a vector of " + low.length + " in "
                    + Arrays.toString(low) + ".." + Arrays.toString(high) + ", was " + action);
        }
        return ((Action.Vector) action).values();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ", " + Arrays.toString(shape) + ")";
    }
}
