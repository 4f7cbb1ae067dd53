package org.netmoe.core;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one way NetMoE's records that hold arrays (state snapshots, usage summaries) are values.
 *
 * <p><b>Ownership, not copies.</b> Such a record holds the arrays it is given: whoever builds it hands over
 * arrays nobody else writes (a producer passes fresh arrays or copies of its live buffers), and whoever reads
 * it copies what it keeps ({@code System.arraycopy} into its own buffers, a write to the device) and never
 * writes the record's arrays. This keeps each array one allocation from producer to checkpoint, where a
 * defensive copy on construction and on every access had cost two more per array (whole replay buffers
 * among them), and keeps such records free of per-field accessor boilerplate.
 *
 * <p><b>Equality.</b> A record's generated {@code equals}/{@code hashCode} compare array components by
 * identity; {@link #equals(Record, Object)} and {@link #hashCode(Record)} compare every component through its
 * accessor, arrays by content ({@link Arrays#deepEquals}), so such a record overrides both with one line
 * each instead of a hand-written comparison per field that drifts when a field is added:
 * <pre>
 *   &#64;Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }
 *
 *   &#64;Override public int hashCode() { return ArrayRecords.hashCode(this); }
 * </pre>
 */
public final class ArrayRecords {
    private ArrayRecords() {
    }

    /**
     * Whether {@code other} is a record of {@code record}'s exact class whose components all equal
     * {@code record}'s: arrays by content, {@code float}/{@code double} as their boxed {@code equals} (bit
     * patterns, so NaN equals NaN), everything else by {@code equals}.
     */
    public static boolean equals(Record record, Object other) {
        if (record == other) {
            return true;
        }
        if (other == null || other.getClass() != record.getClass()) {
            return false;
        }
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (!Objects.deepEquals(value(c, record), value(c, other))) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #equals(Record, Object)}: arrays hashed by content. */
    public static int hashCode(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], record);
        }
        return Arrays.deepHashCode(values);
    }

    /**
     * The compact-constructor check that no component of a {@code type} record is null: {@code components} are
     * its components in declaration order (primitives boxed), so a record checks them all in one line.
     *
     * @throws IllegalArgumentException naming the first null component ("qf2 is required", as
     *                                  {@link Require#nonNull})
     */
    public static void requireNonNull(Class<? extends Record> type, Object... components) {
        RecordComponent[] declared = type.getRecordComponents();
        if (declared.length != components.length) {
            throw new IllegalStateException(type.getSimpleName() + " has " + declared.length + " components, "
                    + components.length + " were given");
        }
        for (int i = 0; i < declared.length; i++) {
            Require.nonNull(declared[i].getName(), components[i]);
        }
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading " + record.getClass().getSimpleName() + "." + component.getName(), e);
        }
    }
}
