package org.netmoe.moe.select;

/** Chooses the experts for one token. */
@FunctionalInterface
public interface ExpertSelector {
    /** The experts chosen for {@code instance}. */
    Selection select(SelectionInstance instance);
}
