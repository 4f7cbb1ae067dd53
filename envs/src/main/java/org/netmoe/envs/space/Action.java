package org.netmoe.envs.space;

import java.util.Arrays;

/**
 * One action: an index into a {@link Discrete} space, or a vector for a {@link Box} or
 * {@link MultiDiscrete} space. Envs unpack it through their action space, which validates it.
 */
public sealed interface Action permits Action.Index, Action.Vector {

    /** A discrete action; instances for small indices are cached. */
    static Index of(int index) {
        return index >= 0 && index < Index.CACHE.length ? Index.CACHE[index] : new Index(index);
    }

    /** A continuous (or multi-discrete) action; the array is copied. */
    static Vector of(float... values) {
        return new Vector(values.clone());
    }

    /** A discrete action. */
    record Index(int index) implements Action {
        private static final Index[] CACHE = new Index[256];

        static {
            for (int i = 0; i < CACHE.length; i++) {
                CACHE[i] = new Index(i);
            }
        }
    }

    /** A vector action; {@code values} is owned by the action, do not modify it. */
    record Vector(float[] values) implements Action {
        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Vector" + Arrays.toString(values);
        }
    }
}
