package org.netmoe.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum constant that configs and results spell by a fixed id, e.g. the QoS type {@code op}, the
 * maze objective {@code goal} or the baseline {@code upper-bound}. The id is the constant's name in
 * lower case with {@code _} written {@code -}, unless the enum overrides {@link #id()}. The static
 * methods look ids up over an enum's {@code values()}, so each enum keeps only its own error message.
 */
public interface ConfigId {
    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** The spelling in configs and results. */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every id of {@code values}, in their order. */
    static List<String> ids(ConfigId[] values) {
        return Arrays.stream(values).map(ConfigId::id).toList();
    }

    /** The constant of {@code values} spelled {@code id}; empty when there is none (or {@code id} is null). */
    static <E extends ConfigId> Optional<E> find(E[] values, String id) {
        return Arrays.stream(values).filter(v -> v.id().equals(id)).findFirst();
    }
}
