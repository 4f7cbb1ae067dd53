package org.netmoe.envs.space;

import org.apache.commons.rng.UniformRandomProvider;

/** A Gymnasium-style space: the set of legal observations or actions of an env. */
public sealed interface Space permits Discrete, Box, MultiDiscrete {
    /** Whether {@code action} is a legal member of this space. */
    boolean contains(Action action);

    /** A uniformly random member, drawn from {@code rng}. */
    Action sample(UniformRandomProvider rng);

    /** Length of the flat vector a network reads or writes for this space. */
    int flatDim();
}
