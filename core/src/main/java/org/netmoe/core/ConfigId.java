package org.netmoe.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A constant of a closed set (usually an enum) that configs and results spell by a fixed id, e.g.
 * the QoS type {@code op} or the maze objective {@code goal}. The static methods look ids up over
 * an enum's {@code values()}, so each enum keeps only its own error message.
 */
public interface ConfigId {
    /** The spelling in configs and results. */
    String id();

    /** Every id of {@code values}, in their order. */
    static List<String> ids(ConfigId[] values) {
        return Arrays.stream(values).map(ConfigId::id).toList();
    }

    /** The constant of {@code values} spelled {@code id}; empty when there is none (or {@code id} is null). */
    static <E extends ConfigId> Optional<E> find(E[] values, String id) {
        return Arrays.stream(values).filter(v -> v.id().equals(id)).findFirst();
    }
}
