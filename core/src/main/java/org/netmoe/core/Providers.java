package org.netmoe.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Loads the implementations of a provider interface through {@link ServiceLoader} in a fixed
 * order: NetMoE's built-in provider first, then the others by class name, so ids and listings do
 * not depend on the order of jars on the class path.
 */
public final class Providers {
    private Providers() {
    }

    /**
     * Every provider of {@code type} visible to the context class loader (or {@code type}'s), the
     * one of class {@code builtin} first.
     *
     * @throws IllegalArgumentException in one line when a provider jar is broken (a listed class
     *                                  missing, not an implementation, or failing to construct)
     */
    public static <T> List<T> load(Class<T> type, Class<? extends T> builtin) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = type.getClassLoader();
        }
        List<T> found = new ArrayList<>();
        try {
            ServiceLoader.load(type, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("an " + type.getSimpleName() + " on the class path cannot be loaded: "
                    + e.getMessage(), e);
        }
        found.sort(Comparator.comparing((T p) -> !builtin.isInstance(p)).thenComparing(p -> p.getClass().getName()));
        return found;
    }
}
