package org.netmoe.core;

import java.util.Collection;

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
