package org.netmoe.core;

import java.util.Collection;
import java.util.List;

/**
 * Argument checks shared by every config record. Each check names the field and the bad value,
 * e.g. {@code "gamma must be in [0, 1], was 1.5"}; the config loader prefixes the field's path.
 */
public final class Require {
    private Require() {
    }

    /** Requires a finite value. */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite, was " + value);
        }
        return value;
    }

    /** Requires {@code value > 0}. */
    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    /** Requires {@code value > 0}. */
    public static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    /** Requires a finite {@code value > 0}. */
    public static double positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be > 0 and finite, was " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0}. */
    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0}. */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** Requires a finite {@code value >= 0}. */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be >= 0 and finite, was " + value);
        }
        return value;
    }

    /** Requires {@code lo <= value <= hi}. */
    public static double inRange(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + value);
        }
        return value;
    }

    /**
     * Requires a finite {@code 0 < value <= hi}: the checks {@link #positive(String, double)} and then
     * {@link #inRange(String, double, double, double)} over {@code [0, hi]}, with their messages.
     */
    public static double positiveAtMost(String field, double value, double hi) {
        positive(field, value);
        return inRange(field, value, 0.0, hi);
    }

    /** Requires {@code value >= other}, e.g. {@code "bufferSize must be >= batchSize (64), was 32"}. */
    public static int atLeast(String field, int value, String otherField, int other) {
        if (value < other) {
            throw new IllegalArgumentException(field + " must be >= " + otherField + " (" + other + "), was " + value);
        }
        return value;
    }

    /**
     * Requires the finite bounds of a closed interval {@code [min, max]}, in the components
     * {@code min} and {@code max} of a range record: "max must be >= min 2.0, was 1.0".
     */
    public static void interval(double min, double max) {
        finite("min", min);
        finite("max", max);
        if (max < min) {
            throw new IllegalArgumentException("max must be >= min " + min + ", was " + max);
        }
    }

    /**
     * Requires non-null entries {@code > 0}, naming the entry ({@code "hiddenSizes[1] must be > 0, was 0"});
     * returns an immutable copy.
     */
    public static List<Integer> positiveEach(String field, List<Integer> values) {
        nonNull(field, values);
        for (int i = 0; i < values.size(); i++) {
            positive(field + "[" + i + "]", nonNull(field + "[" + i + "]", values.get(i)));
        }
        return List.copyOf(values);
    }

    /**
     * Requires a non-empty list of non-null entries {@code > 0}, naming the whole list
     * ({@code "hiddenSizes must be positive, was [64, 0]"}); returns an immutable copy.
     */
    public static List<Integer> allPositive(String field, List<Integer> values) {
        nonEmpty(field, values);
        for (Integer v : values) {
            if (v == null || v <= 0) {
                throw new IllegalArgumentException(field + " must be positive, was " + values);
            }
        }
        return List.copyOf(values);
    }

    /** Requires {@code lo <= value <= hi}. */
    public static int inRange(String field, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + value);
        }
        return value;
    }

    /** The longest array the JVM allocates, a few elements short of {@link Integer#MAX_VALUE}. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * Requires preallocated storage of {@code value} units (replay transitions, rollout steps) to be
     * indexable by {@code int} and to fit half the JVM's maximum heap ({@code -Xmx}).
     *
     * @param elementsPerUnit elements one unit adds to the largest array, {@code >= 1}
     * @param bytesPerUnit    bytes one unit adds over all arrays, {@code >= 1}
     * @throws IllegalArgumentException naming {@code field}, the largest allowed value and why
     */
    public static long fitsInMemory(String field, long value, long elementsPerUnit, long bytesPerUnit) {
        long heap = Runtime.getRuntime().maxMemory();
        long byIndex = MAX_ARRAY_LENGTH / Math.max(1, elementsPerUnit);
        long byHeap = heap / 2 / Math.max(1, bytesPerUnit);
        if (value > byIndex) {
            throw new IllegalArgumentException(field + " must be <= " + byIndex + " here (" + elementsPerUnit
                    + " array elements each; a Java array holds at most " + MAX_ARRAY_LENGTH + "), was " + value);
        }
        if (value > byHeap) {
            throw new IllegalArgumentException(field + " must be <= " + byHeap + " here (" + bytesPerUnit
                    + " bytes each; at most half the " + (heap >> 20) + " MiB heap, see -Xmx), was " + value);
        }
        return value;
    }

    /** Requires a non-null value. */
    public static <T> T nonNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Requires a non-null, non-empty collection. */
    public static <C extends Collection<?>> C nonEmpty(String field, C value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    /** Requires {@code value} to be one of {@code allowed}. */
    public static String oneOf(String field, String value, Collection<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(field + " must be one of " + allowed + ", was " + value);
        }
        return value;
    }
}
