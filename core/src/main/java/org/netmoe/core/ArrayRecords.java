package org.netmoe.core;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/**
 * Value equality for records that hold arrays (state snapshots, batches). A record's generated
 * {@code equals}/{@code hashCode} compare array components by identity; these compare every component
 * through its accessor, arrays by content ({@link Arrays#deepEquals}), so such a record needs two one-line
 * overrides instead of a hand-written comparison per field that drifts when a field is added.
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

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading " + record.getClass().getSimpleName() + "." + component.getName(), e);
        }
    }
}
